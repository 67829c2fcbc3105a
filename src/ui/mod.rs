//! The panels of the app.
