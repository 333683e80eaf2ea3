"""UI logic for the Streamlit app that is not Streamlit wiring: URL state, filters, map building, exports."""
