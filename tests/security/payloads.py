"""Hostile strings typed into every field: markup, attribute breakers, script URLs, JSON and
XML breakers, bidi overrides and controls. Used by the XSS and feed tests."""

XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '"><script>alert(2)</script>',
    "'><img src=x onerror=alert(3)>",
    "</title><script>alert(4)</script>",
    "</script><script>alert(5)</script>",
    "<iframe src=javascript:alert(6)>",
    '<a href="javascript:alert(7)">انقر</a>',
    "<body onload=alert(8)>",
    "<details open ontoggle=alert(9)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(10)>",
    "<x onclick=alert(11)>نص</x>",
    "&lt;script&gt;alert(12)&lt;/script&gt;",
    "<!--<script>alert(13)</script>-->",
    "<![CDATA[<script>alert(14)</script>]]>",
    "{{ 7|add:7 }} {% now 'Y' %}",
    "\u202e<script>alert(15)</script>",
    "</script><!--",
    "\\u003cscript\\u003ealert(16)\\u003c/script\\u003e",
]
