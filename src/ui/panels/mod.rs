//! The panels around the chart, one file each.

pub mod controls;
pub mod help;
pub mod open_prompt;
pub mod problems;
pub mod sources;
pub mod toolbar;
