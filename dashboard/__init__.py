"""The Streamlit dashboard (run `python -m streamlit run dashboard/app.py`); extract never imports it."""
