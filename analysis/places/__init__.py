"""Places below the country level and what an article or statement is about.

:mod:`analysis.countries` finds the mentions, with the place data of :mod:`analysis.places.gazetteer`
(and its light country table: names, map centres) and the context rules of
:mod:`analysis.places.context`; :mod:`analysis.places.readings` chooses among the
readings of a place name that several places share ("Paris": France or Texas), and
:mod:`analysis.places.focus` ranks an article's countries and picks the countries a statement
is about.
"""
