//! Everything troopline writes: charts as PNG, SVG and PDF, and CSV tables, always through one
//! atomic writer. The vector formats come from egui's shapes: see [`svg`].

mod atomic;
pub mod csv;
#[cfg(feature = "gui")]
mod fonts;
pub mod naming;
#[cfg(feature = "gui")]
pub mod pdf;
#[cfg(feature = "gui")]
mod png;
#[cfg(feature = "gui")]
pub mod raster;
#[cfg(feature = "gui")]
pub mod svg;

pub use atomic::{WriteError, write_atomic};
#[cfg(feature = "gui")]
pub use fonts::font_database;
#[cfg(feature = "gui")]
pub use png::{Rgba, SaveError, save_png};
