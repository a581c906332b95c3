"""Quote Atlas dashboard entry point: page configuration, navigation, shared sidebar, error guard.

Run with ``make run`` (or ``streamlit run dashboard.py``). Pages live in ``pages/`` and read
the corpus and filters that ``ui.layout`` puts in ``st.session_state`` for the current run.
Only the light ``ui.shell`` is imported here: the frame shows before the analysis code loads.
"""

from ui.shell import start_app

start_app()
