//! Everything troopline writes: PNG charts and CSV tables, always through one atomic writer.

mod atomic;
pub mod csv;
pub mod naming;
mod png;

pub use atomic::{WriteError, write_atomic};
pub use png::{Rgba, SaveError, save_png};
