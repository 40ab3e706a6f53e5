//! Everything troopline writes: PNG charts and CSV tables, always through one atomic writer.

mod atomic;
pub mod csv;
pub mod naming;
#[cfg(feature = "gui")]
mod png;
pub mod settings;
pub mod tsv;

pub use atomic::{WriteError, write_atomic};
#[cfg(feature = "gui")]
pub use png::{Rgba, SaveError, save_png};
