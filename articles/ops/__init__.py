"""Operations: health checks, backup and restore, request logging, hardening middleware, login throttling."""
