"""Users, teams, roles, case assignments, passwords, API tokens and sessions."""
