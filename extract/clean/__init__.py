"""Cleaning steps shared by all readers: furniture, hyphenation, normalisation."""
