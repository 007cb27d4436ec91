"""Victim contacts, safe-contact preferences and Victims' Code duties."""
