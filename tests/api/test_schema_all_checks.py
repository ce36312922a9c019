"""schemathesis with every check, positive_data_acceptance included: the OpenAPI document
states the API's real limits (lengths, ranges, refused characters), so a request it calls
valid is accepted, and nothing is ever a 5xx.

Two kinds of value cannot be described by JSON Schema and keep the positive-data check off
for the cases that carry them: cursors (signed by the API: a well-formed forged one is a
400) and dates (ISO 8601 between the years 1900 and 9000). Every other check still applies
to those cases."""

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from .test_schema import EXPECTED_PATHS, wsgi_app  # noqa: F401  (the fixture, shared)

EXAMPLES = 40


def test_api_keeps_to_its_schema_with_every_check(world, wsgi_app):  # noqa: F811
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == len(EXPECTED_PATHS)
    failures = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            unexpressible = {"cursor", "since", "until"} & set(case.query or {})
            case.call_and_validate(excluded_checks=[positive_data_acceptance] if unexpressible else [])

        try:
            check()
        except (
            Exception,
            BaseExceptionGroup,
        ) as error:  # collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {error}"[:3000])
    assert not failures, "\n\n".join(failures)
