"""Shared by the checks tests: a fictional letter the duplicate and variant checks copy."""

from __future__ import annotations

LETTER = """Harakat al-Sanabil
Office of Education

No. 12/A
Date: Sunday 12 March 2019

To: the schools of the Wadi sector
Subject: end-of-year certificates

Peace be upon you. Please send the lists of pupils who passed the year, with their marks and
the names of their fathers, to the office before the end of the month so that the certificates
can be printed and stamped in time for the closing day of the schools of the sector.

Abu Hasan al-Wadi
"""
