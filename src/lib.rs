//! troopline: explore how many US troops were deployed where, and at what human cost, over time.
//!
//! Data flows one way: [`dataset`] (file → validated types) → [`chart`] (pure plot model) →
//! [`ui`] (egui drawing) → [`export`] (PNG and CSV files). [`cli`] ties them to the command line.

pub mod chart;
#[cfg(feature = "gui")]
pub mod cli;
pub mod dataset;
pub mod export;
#[cfg(feature = "gen")]
pub mod generate;
#[cfg(feature = "gui")]
pub mod ui;
