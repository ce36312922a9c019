"""The reader site: pages, feeds, sitemaps, structured data and the template tags they use."""
