//! Everything troopline writes: charts as PNG, SVG and PDF, and CSV tables, always through one
//! atomic writer. The vector formats come from egui's shapes: see [`svg`].

mod atomic;
pub mod csv;
#[cfg(feature = "gui")]
mod fonts;
pub mod interrupt;
pub mod naming;
#[cfg(feature = "gui")]
pub mod pdf;
#[cfg(feature = "gui")]
mod png;
#[cfg(feature = "gui")]
pub mod raster;
pub mod settings;
#[cfg(feature = "gui")]
pub mod svg;
pub mod tsv;

pub use atomic::{
    WriteError, Written, refuse_input, same_file, write_atomic, write_atomic_limited,
    write_atomic_reporting,
};
/// What a chart file says about itself, for readers that cannot see it: the SVG's `<title>` and
/// `<desc>`, the PDF's title and subject.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct About {
    /// The chart's title.
    pub title: String,
    /// A short description of the chart (its alt text, else its subtitle).
    pub description: String,
}

#[cfg(feature = "gui")]
pub use self::png::{Rgba, SaveError, encode_png, encode_png_scaled, save_png, save_png_scaled};
#[cfg(feature = "gui")]
pub use fonts::font_database;
