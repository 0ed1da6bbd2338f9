"""Organisations (机关), people and their roles, and the permission rules scoped by organisation."""
