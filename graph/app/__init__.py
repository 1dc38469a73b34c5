"""The explorer's page: the only part of the package that imports Streamlit.

``main.py`` lays out the pages, ``panels/`` draws one part of the page each,
``session.py`` keeps the view in step with widgets and the URL, ``datasource.py``
says which graph a session explores, and ``component/`` is the custom
component that draws the graph with vis-network. Everything they compute comes
from the core (``graph.screen``, ``graph.view``, ``graph.query``, ...).

Start it with ``hipknee app`` (installed) or ``streamlit run app.py`` (checkout).
"""
