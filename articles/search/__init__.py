"""Search: how a query meets the stories' search columns, ranks and highlights them."""
