"""View models: what each page shows, built from stored records and the engine's findings."""
