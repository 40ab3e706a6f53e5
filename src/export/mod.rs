//! Everything troopline writes: PNG charts and CSV tables, always through one atomic writer.

mod atomic;
pub mod csv;
mod interrupt;
pub mod naming;
#[cfg(feature = "gui")]
mod png;
pub mod settings;
pub mod tsv;

pub use atomic::{WriteError, Written, write_atomic, write_atomic_reporting};
#[cfg(feature = "gui")]
pub use png::{Rgba, SaveError, encode_png, save_png};
