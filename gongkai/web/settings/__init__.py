"""Settings split by purpose: `base` (shared, from the environment), `production`, `dev`, `test`."""
