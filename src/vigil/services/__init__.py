"""Application services shared by the CLI, API and web edges."""
