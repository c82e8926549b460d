"""Storage: persistence models, engines and migrations."""
