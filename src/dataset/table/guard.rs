//! Limits checked on a workbook's bytes before calamine reads them.
//!
//! calamine trusts what a file declares: it reserves memory for the shared-string count of an
//! XLSX and the dimensions of an XLS sheet, inflates zip entries of any size and expands ODS
//! repeats, so a file of a few KB can make it abort the process. This module reads the same
//! structures itself, with every read bounded, and refuses a file that would exceed a limit
//! with a [`WorkbookLimit`] naming that limit. docs/robustness.md lists the limits.
//!
//! Rules: nothing here allocates from a declared number; every loop is bounded by the bytes
//! of the file or by a limit; inflated data is scanned as a stream and never kept.

use std::io::{self, BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};

/// Zip entries (uncompressed) larger than this are refused: 256 MiB, the size limit of every
/// dataset file.
pub const MAX_ENTRY_BYTES: u64 = 256 * 1024 * 1024;
/// All zip entries together, uncompressed.
pub const MAX_UNPACKED_BYTES: u64 = 512 * 1024 * 1024;
/// Entries larger than [`RATIO_FROM_BYTES`] may be at most this many times their compressed
/// size (real sheets compress 5–50 times; zip bombs about 1,000).
pub const MAX_RATIO: u64 = 200;
/// The size from which [`MAX_RATIO`] applies.
pub const RATIO_FROM_BYTES: u64 = 8 * 1024 * 1024;
/// At most this many entries in a zip.
pub const MAX_ENTRIES: usize = 10_000;
/// The longest run of XML text or markup without a `<`: a cell's text or one tag. Spreadsheet
/// programs keep cells under 32,767 characters, well below this.
pub const MAX_TEXT_BYTES: u64 = 1024 * 1024;
/// At most this many shared strings, declared or present.
pub const MAX_SHARED_STRINGS: u64 = 5_000_000;

/// A limit a workbook exceeds.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkbookLimit {
    /// The zip directory cannot be read.
    #[error("cannot read the workbook: {0}")]
    Unreadable(String),
    /// Too many zip entries.
    #[error(
        "the workbook holds {0} files; troopline reads workbooks of at most {limit} (limit: zip entries)",
        limit = MAX_ENTRIES
    )]
    TooManyEntries(usize),
    /// One entry unpacks too large.
    #[error(
        "{name} in the workbook unpacks to more than {mib} MiB (limit: {limit} MiB per part); save the sheet as CSV or split it",
        mib = .size / (1024 * 1024), limit = MAX_ENTRY_BYTES / (1024 * 1024)
    )]
    EntryTooLarge {
        /// The entry.
        name: String,
        /// Its size as declared or as far as it was inflated.
        size: u64,
    },
    /// All entries unpack too large.
    #[error(
        "the workbook unpacks to more than {mib} MiB (limit: {limit} MiB); save the sheet as CSV or split it",
        mib = .0 / (1024 * 1024), limit = MAX_UNPACKED_BYTES / (1024 * 1024)
    )]
    UnpackedTooLarge(u64),
    /// An entry compressed suspiciously well.
    #[error(
        "{name} in the workbook unpacks to {ratio} times its packed size (limit: {limit} times); it looks like a zip bomb",
        limit = MAX_RATIO
    )]
    Ratio {
        /// The entry.
        name: String,
        /// Uncompressed over compressed size.
        ratio: u64,
    },
    /// A text or tag too long.
    #[error(
        "{name} in the workbook has a cell text or tag of more than {kib} KiB (limit: {limit} KiB)",
        kib = .size / 1024, limit = MAX_TEXT_BYTES / 1024
    )]
    TextTooLong {
        /// The entry.
        name: String,
        /// The run's length so far.
        size: u64,
    },
    /// The shared-string table declares or holds too many strings.
    #[error(
        "the workbook's shared-string table {what} {count} strings (limit: {limit})",
        limit = MAX_SHARED_STRINGS
    )]
    SharedStrings {
        /// "declares" or "holds".
        what: &'static str,
        /// How many.
        count: u64,
    },
    /// Declared or repeated cells beyond the cell limit.
    #[error(
        "{what} {count} cells; troopline reads at most {max} cells from a workbook (limit: cells)"
    )]
    Cells {
        /// What claims them.
        what: String,
        /// How many.
        count: u64,
        /// The limit.
        max: usize,
    },
    /// An XLS file's sectors run in a loop: calamine would follow it until memory runs out.
    #[error(
        "the workbook is damaged: its {0} runs in a loop (limit: a chain of sectors must end); open it in a spreadsheet program and save it again"
    )]
    SectorLoop(&'static str),
    /// An XLS sheet declares an empty or reversed range.
    #[error(
        "a sheet declares rows {r0}..{r1} and columns {c0}..{c1} (DIMENSIONS record), an empty or reversed range",
        r0 = .rows.0, r1 = .rows.1, c0 = .columns.0, c1 = .columns.1
    )]
    Dimensions {
        /// First row and one past the last.
        rows: (u64, u64),
        /// First column and one past the last.
        columns: (u64, u64),
    },
    /// The XML is broken (calamine would fail too, but later).
    #[error("{name} in the workbook is not well-formed XML: {message}")]
    Xml {
        /// The entry.
        name: String,
        /// quick-xml's words.
        message: String,
    },
}

/// Checks `bytes` (an XLSX, XLSM, XLSB, ODS or XLS file) against every limit; `max_cells` is
/// the reader's cell limit.
pub fn check(bytes: &[u8], max_cells: usize) -> Result<(), WorkbookLimit> {
    if bytes.starts_with(b"PK") {
        zip(bytes, max_cells)
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        xls(bytes, max_cells)
    } else {
        Ok(())
    }
}

fn zip(bytes: &[u8], max_cells: usize) -> Result<(), WorkbookLimit> {
    let mut archive = ::zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|error| WorkbookLimit::Unreadable(error.to_string()))?;
    if archive.len() > MAX_ENTRIES {
        return Err(WorkbookLimit::TooManyEntries(archive.len()));
    }
    // The directory first: declared sizes refuse a bomb without inflating anything.
    let mut declared_total = 0u64;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_raw(index)
            .map_err(|error| WorkbookLimit::Unreadable(error.to_string()))?;
        let name = entry
            .name()
            .map_or_else(|_| "(a part without a name)".to_owned(), |n| n.into_owned());
        let (size, packed) = (entry.size(), entry.compressed_size());
        declared_total = declared_total.saturating_add(size);
        entry_limits(&name, size, packed)?;
    }
    if declared_total > MAX_UNPACKED_BYTES {
        return Err(WorkbookLimit::UnpackedTooLarge(declared_total));
    }
    // Then the XML parts as they really inflate, since a directory may lie.
    let mut unpacked = 0u64;
    for index in 0..archive.len() {
        let mut entry = match archive.by_index(index) {
            Ok(entry) => entry,
            // Encrypted or unsupported parts: calamine reports them in its own words.
            Err(_) => continue,
        };
        let name = entry
            .name()
            .map_or_else(|_| "(a part without a name)".to_owned(), |n| n.into_owned());
        let packed = entry.compressed_size();
        let lower = name.to_ascii_lowercase();
        if !(lower.ends_with(".xml") || lower.ends_with(".rels")) {
            // Images and binary parts: counted, never scanned for text.
            let size =
                io::copy(&mut (&mut entry).take(MAX_ENTRY_BYTES + 1), &mut io::sink()).unwrap_or(0);
            unpacked = unpacked.saturating_add(size);
            entry_limits(&name, size, packed)?;
            if unpacked > MAX_UNPACKED_BYTES {
                return Err(WorkbookLimit::UnpackedTooLarge(unpacked));
            }
            continue;
        }
        let mut scanned = Scanned::new(&mut entry, &name, packed, unpacked);
        let kind = if lower.ends_with("sharedstrings.xml") {
            Part::SharedStrings
        } else if lower == "content.xml" {
            Part::OdsContent
        } else {
            Part::Other
        };
        let result = match kind {
            Part::SharedStrings => shared_strings(&mut scanned, &name),
            Part::OdsContent => ods_content(&mut scanned, &name, max_cells),
            Part::Other => io::copy(&mut scanned, &mut io::sink())
                .map(|_| ())
                .map_err(|error| io_error(&error, &name)),
        };
        if let Some(limit) = scanned.exceeded.take() {
            return Err(limit);
        }
        result?;
        unpacked = scanned.total;
    }
    Ok(())
}

enum Part {
    SharedStrings,
    OdsContent,
    Other,
}

fn entry_limits(name: &str, size: u64, packed: u64) -> Result<(), WorkbookLimit> {
    if size > MAX_ENTRY_BYTES {
        return Err(WorkbookLimit::EntryTooLarge {
            name: name.to_owned(),
            size,
        });
    }
    if size > RATIO_FROM_BYTES && size / packed.max(1) > MAX_RATIO {
        return Err(WorkbookLimit::Ratio {
            name: name.to_owned(),
            ratio: size / packed.max(1),
        });
    }
    Ok(())
}

fn io_error(error: &io::Error, name: &str) -> WorkbookLimit {
    WorkbookLimit::Unreadable(format!("{name}: {error}"))
}

/// An inflating reader that counts bytes and the longest run without `<`, and stops with an
/// error at the first limit passed (kept in `exceeded`).
struct Scanned<'r, R> {
    inner: &'r mut R,
    name: String,
    packed: u64,
    read: u64,
    /// Bytes of all entries so far, this one included.
    total: u64,
    run: u64,
    exceeded: Option<WorkbookLimit>,
}

impl<'r, R: Read> Scanned<'r, R> {
    fn new(inner: &'r mut R, name: &str, packed: u64, before: u64) -> Self {
        Self {
            inner,
            name: name.to_owned(),
            packed,
            read: 0,
            total: before,
            run: 0,
            exceeded: None,
        }
    }

    fn limit(&mut self) -> Option<WorkbookLimit> {
        if self.read > MAX_ENTRY_BYTES {
            return Some(WorkbookLimit::EntryTooLarge {
                name: self.name.clone(),
                size: self.read,
            });
        }
        if self.total > MAX_UNPACKED_BYTES {
            return Some(WorkbookLimit::UnpackedTooLarge(self.total));
        }
        if self.read > RATIO_FROM_BYTES && self.read / self.packed.max(1) > MAX_RATIO {
            return Some(WorkbookLimit::Ratio {
                name: self.name.clone(),
                ratio: self.read / self.packed.max(1),
            });
        }
        if self.run > MAX_TEXT_BYTES {
            return Some(WorkbookLimit::TextTooLong {
                name: self.name.clone(),
                size: self.run,
            });
        }
        None
    }
}

impl<R: Read> Read for Scanned<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.exceeded.is_some() {
            return Err(io::Error::other("limit exceeded"));
        }
        let n = self.inner.read(buf)?;
        let chunk = &buf[..n];
        self.read += n as u64;
        self.total += n as u64;
        let mut start = 0;
        for at in memchr::memchr_iter(b'<', chunk) {
            self.run += (at - start) as u64;
            if self.run > MAX_TEXT_BYTES {
                break;
            }
            self.run = 0;
            start = at + 1;
        }
        if self.run <= MAX_TEXT_BYTES {
            self.run += (n - start) as u64;
        }
        if let Some(limit) = self.limit() {
            self.exceeded = Some(limit);
            return Err(io::Error::other("limit exceeded"));
        }
        Ok(n)
    }
}

fn xml_error(error: &quick_xml::Error, name: &str) -> WorkbookLimit {
    WorkbookLimit::Xml {
        name: name.to_owned(),
        message: error.to_string(),
    }
}

fn attribute(tag: &BytesStart<'_>, wanted: &str) -> Option<u64> {
    tag.attributes().flatten().find_map(|attribute| {
        (attribute.key.as_ref() == wanted)
            .then(|| attribute.value.trim().parse().ok())
            .flatten()
    })
}

/// The declared `uniqueCount` (what calamine reserves) and the strings really present.
fn shared_strings<R: Read>(scanned: &mut Scanned<'_, R>, name: &str) -> Result<(), WorkbookLimit> {
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(scanned));
    // As calamine reads it.
    reader.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut strings = 0u64;
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(tag) | Event::Empty(tag)) => match tag.local_name().as_ref() {
                "sst" => {
                    for key in ["uniqueCount", "count"] {
                        if let Some(count) = attribute(&tag, key)
                            && count > MAX_SHARED_STRINGS
                        {
                            return Err(WorkbookLimit::SharedStrings {
                                what: "declares",
                                count,
                            });
                        }
                    }
                    // A declared count that is not a plain number is what calamine skips.
                }
                "si" => {
                    strings += 1;
                    if strings > MAX_SHARED_STRINGS {
                        return Err(WorkbookLimit::SharedStrings {
                            what: "holds more than",
                            count: MAX_SHARED_STRINGS,
                        });
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(error) => return Err(xml_error(&error, name)),
        }
    }
}

/// What one ODS sheet expands to, as calamine expands it: the rows up to the last one with a
/// value (repeats counted) times the widest row up to its last value (repeats counted).
#[derive(Default)]
struct OdsSheet {
    rows: u64,
    rows_with_value: u64,
    width: u64,
    row_repeats: u64,
    row_columns: u64,
    row_width: u64,
}

/// calamine caps repeats at Excel's grid; a claim past it costs no more than that.
const ODS_MAX_ROWS: u64 = 1_048_576;
const ODS_MAX_COLUMNS: u64 = 16_384;

fn ods_content<R: Read>(
    scanned: &mut Scanned<'_, R>,
    name: &str,
    max_cells: usize,
) -> Result<(), WorkbookLimit> {
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(scanned));
    reader.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut sheet = OdsSheet::default();
    let mut total = 0u64;
    let mut spaces = 0u64;
    let over = |count: u64| {
        WorkbookLimit::Cells {
        what: "the spreadsheet's repeated rows and columns (table:number-rows-repeated, table:number-columns-repeated) expand to".to_owned(),
        count,
        max: max_cells,
    }
    };
    loop {
        buf.clear();
        let event = reader.read_event_into(&mut buf);
        let (tag, has_children) = match &event {
            Ok(Event::Start(tag)) => (tag, true),
            Ok(Event::Empty(tag)) => (tag, false),
            Ok(Event::End(tag)) => {
                match tag.name().as_ref() {
                    "table:table-row" => {
                        sheet.rows = sheet
                            .rows
                            .saturating_add(sheet.row_repeats)
                            .min(ODS_MAX_ROWS);
                        if sheet.row_width > 0 {
                            sheet.rows_with_value = sheet.rows;
                            sheet.width = sheet.width.max(sheet.row_width);
                        }
                    }
                    "table:table" => {
                        total =
                            total.saturating_add(sheet.rows_with_value.saturating_mul(sheet.width));
                        sheet = OdsSheet::default();
                    }
                    _ => {}
                }
                continue;
            }
            Ok(Event::Eof) => break,
            Ok(_) => continue,
            Err(error) => return Err(xml_error(error, name)),
        };
        match tag.name().as_ref() {
            "table:table-row" => {
                sheet.row_repeats = attribute(tag, "table:number-rows-repeated")
                    .unwrap_or(1)
                    .min(ODS_MAX_ROWS);
                sheet.row_columns = 0;
                sheet.row_width = 0;
                if !has_children {
                    sheet.rows = sheet
                        .rows
                        .saturating_add(sheet.row_repeats)
                        .min(ODS_MAX_ROWS);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let repeats = attribute(tag, "table:number-columns-repeated")
                    .unwrap_or(1)
                    .min(ODS_MAX_COLUMNS);
                sheet.row_columns = sheet
                    .row_columns
                    .saturating_add(repeats)
                    .min(ODS_MAX_COLUMNS);
                let valued = has_children
                    || tag.attributes().flatten().any(|a| {
                        a.key.local_name().as_ref() == "value-type"
                            || a.key.as_ref() == "office:value"
                    });
                if valued {
                    sheet.row_width = sheet.row_columns;
                }
            }
            "text:s" => {
                spaces = spaces.saturating_add(attribute(tag, "text:c").unwrap_or(1));
                if spaces > MAX_TEXT_BYTES {
                    return Err(WorkbookLimit::TextTooLong {
                        name: name.to_owned(),
                        size: spaces,
                    });
                }
            }
            _ => {}
        }
        let pending = sheet.rows_with_value.saturating_mul(sheet.width);
        if total.saturating_add(pending) > max_cells as u64 {
            return Err(over(total.saturating_add(pending)));
        }
    }
    total = total.saturating_add(sheet.rows_with_value.saturating_mul(sheet.width));
    if total > max_cells as u64 {
        return Err(over(total));
    }
    Ok(())
}

// ---- XLS: the compound file's Workbook stream, then its DIMENSIONS records. ----

const FREE_SECTOR: u32 = 0xFFFF_FFFF;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

fn le_u16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn le_u32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// A compound file (OLE2), read only as far as the streams' sectors.
struct Compound<'b> {
    bytes: &'b [u8],
    shift: u32,
    fat: Vec<u32>,
}

impl<'b> Compound<'b> {
    fn open(bytes: &'b [u8]) -> Option<Self> {
        let shift = u32::from(le_u16(bytes, 0x1E)?);
        if !(7..=16).contains(&shift) {
            return None;
        }
        let mut compound = Self {
            bytes,
            shift,
            fat: Vec::new(),
        };
        // The FAT's sectors: 109 listed in the header, the rest in the DIFAT chain.
        let sector_words = (1usize << shift) / 4;
        let mut fat_sectors: Vec<u32> = (0..109)
            .filter_map(|i| le_u32(bytes, 0x4C + 4 * i))
            .filter(|&s| s < END_OF_CHAIN - 2)
            .collect();
        let mut difat = le_u32(bytes, 0x44)?;
        let max_sectors = bytes.len() >> shift;
        let mut steps = 0;
        while difat < END_OF_CHAIN - 2 && steps <= max_sectors {
            let sector = compound.sector(difat)?;
            for i in 0..sector_words - 1 {
                let s = le_u32(sector, 4 * i)?;
                if s < END_OF_CHAIN - 2 {
                    fat_sectors.push(s);
                }
            }
            difat = le_u32(sector, 4 * (sector_words - 1))?;
            steps += 1;
        }
        fat_sectors.truncate(max_sectors + 1);
        let mut fat = Vec::with_capacity(fat_sectors.len() * sector_words);
        for s in fat_sectors {
            let sector = compound.sector(s)?;
            fat.extend((0..sector_words).filter_map(|i| le_u32(sector, 4 * i)));
        }
        compound.fat = fat;
        Some(compound)
    }

    fn sector(&self, id: u32) -> Option<&'b [u8]> {
        let size = 1usize << self.shift;
        let start = (id as usize).checked_add(1)?.checked_mul(size)?;
        self.bytes.get(start..start.checked_add(size)?)
    }

    /// A chain's bytes, following `table` from `start`, at most `max_steps` sectors (a cycle
    /// in a hostile file ends there).
    fn chain<'s>(
        start: u32,
        table: &[u32],
        max_steps: usize,
        sector: impl Fn(u32) -> Option<&'s [u8]>,
    ) -> Vec<u8> {
        let mut out = Vec::new();
        let mut at = start;
        let mut steps = 0;
        while at != END_OF_CHAIN && at != FREE_SECTOR && steps < max_steps {
            let Some(data) = sector(at) else { break };
            out.extend_from_slice(data);
            let Some(&next) = table.get(at as usize) else {
                break;
            };
            at = next;
            steps += 1;
        }
        out
    }

    fn sectors(&self) -> usize {
        self.bytes.len() >> self.shift
    }

    /// Whether the chain from `start` in the FAT comes back to a sector it passed: in a file
    /// of N sectors a chain longer than N loops.
    fn loops(&self, start: u32) -> bool {
        let mut seen = vec![false; self.fat.len()];
        let mut at = start;
        while at != END_OF_CHAIN && at != FREE_SECTOR {
            let Some(visited) = seen.get_mut(at as usize) else {
                return false;
            };
            if *visited {
                return true;
            }
            *visited = true;
            let Some(&next) = self.fat.get(at as usize) else {
                return false;
            };
            at = next;
        }
        false
    }

    /// The bytes of the stream named `Workbook` or `Book`, if any.
    fn workbook(&self) -> Option<Vec<u8>> {
        let directory = Self::chain(le_u32(self.bytes, 0x30)?, &self.fat, self.sectors(), |s| {
            self.sector(s)
        });
        let entries: Vec<&[u8]> = directory.chunks_exact(128).collect();
        let root = entries.first()?;
        let name_of = |entry: &[u8]| {
            let length = usize::from(le_u16(entry, 0x40).unwrap_or(0)).min(64);
            let units: Vec<u16> = entry[..length]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|&u| u != 0)
                .collect();
            String::from_utf16_lossy(&units)
        };
        let entry = entries.iter().copied().find(|e| {
            e.get(0x42) == Some(&2) && matches!(name_of(e).as_str(), "Workbook" | "Book")
        })?;
        let start = le_u32(entry, 0x74)?;
        let size = u64::from(le_u32(entry, 0x78)?);
        let cutoff = u64::from(le_u32(self.bytes, 0x38).unwrap_or(4096));
        let mut data = if size < cutoff {
            // In the mini stream: 64-byte sectors inside the root entry's stream.
            let mini = Self::chain(le_u32(root, 0x74)?, &self.fat, self.sectors(), |s| {
                self.sector(s)
            });
            let mini_fat_bytes =
                Self::chain(le_u32(self.bytes, 0x3C)?, &self.fat, self.sectors(), |s| {
                    self.sector(s)
                });
            let mini_fat: Vec<u32> = mini_fat_bytes
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect();
            let mini_shift = u32::from(le_u16(self.bytes, 0x20).unwrap_or(6)).min(12);
            let mini_size = 1usize << mini_shift;
            Self::chain(start, &mini_fat, mini.len() / mini_size, |s| {
                let from = (s as usize).checked_mul(mini_size)?;
                mini.get(from..from.checked_add(mini_size)?)
            })
        } else {
            Self::chain(start, &self.fat, self.sectors(), |s| self.sector(s))
        };
        data.truncate(usize::try_from(size).unwrap_or(usize::MAX));
        Some(data)
    }
}

/// Every DIMENSIONS record of the workbook stream within `max_cells` (calamine reserves
/// rows × columns from it).
fn xls(bytes: &[u8], max_cells: usize) -> Result<(), WorkbookLimit> {
    // A file that is no compound file, or has no workbook stream, is calamine's to report.
    let Some(compound) = Compound::open(bytes) else {
        return Ok(());
    };
    // calamine follows the directory's chain with no bound but the end of the chain (a
    // 7 KB file with a loop there ran the `table` fuzz target out of memory).
    if let Some(directory) = le_u32(bytes, 0x30)
        && compound.loops(directory)
    {
        return Err(WorkbookLimit::SectorLoop("directory"));
    }
    let Some(stream) = compound.workbook() else {
        return Ok(());
    };
    let mut at = 0;
    while let (Some(kind), Some(length)) = (le_u16(&stream, at), le_u16(&stream, at + 2)) {
        let data = stream
            .get(at + 4..at + 4 + usize::from(length))
            .unwrap_or(&[]);
        if kind == 0x0200 {
            let (first_row, last_row, first_column, last_column) = match data.len() {
                10 => (
                    u64::from(le_u16(data, 0).unwrap_or(0)),
                    u64::from(le_u16(data, 2).unwrap_or(0)),
                    u64::from(le_u16(data, 4).unwrap_or(0)),
                    u64::from(le_u16(data, 6).unwrap_or(0)),
                ),
                14 | 16 => (
                    u64::from(le_u32(data, 0).unwrap_or(0)),
                    u64::from(le_u32(data, 4).unwrap_or(0)),
                    u64::from(le_u16(data, 8).unwrap_or(0)),
                    u64::from(le_u16(data, 10).unwrap_or(0)),
                ),
                _ => (0, 0, 0, 0),
            };
            // As calamine reads them: the last row and column are one past the end, and a
            // first column past 255, or after the last, means 0.
            let first_column = if first_column > 0xFF || last_column < first_column {
                0
            } else {
                first_column
            };
            if last_row >= 1 && last_column >= 1 {
                if first_row >= last_row || first_column >= last_column {
                    return Err(WorkbookLimit::Dimensions {
                        rows: (first_row, last_row),
                        columns: (first_column, last_column),
                    });
                }
                let rows = last_row - first_row;
                let columns = last_column - first_column;
                let cells = rows.saturating_mul(columns);
                if cells > max_cells as u64 {
                    return Err(WorkbookLimit::Cells {
                        what: format!(
                            "a sheet declares {rows} rows × {columns} columns (DIMENSIONS record), that is"
                        ),
                        count: cells,
                        max: max_cells,
                    });
                }
            }
        }
        at += 4 + usize::from(length);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!(
            "{}/tests/fixtures/tables/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(path).unwrap()
    }

    #[test]
    fn the_workbook_stream_of_an_xls_is_found_and_its_dimensions_read() {
        let bytes = fixture("from-csv.xls");
        let stream = Compound::open(&bytes).and_then(|c| c.workbook()).unwrap();
        assert_eq!(le_u16(&stream, 0), Some(0x0809), "a BOF record first");
        assert_eq!(check(&bytes, 1_000), Ok(()));
        // The fixture's sheet is 4 rows by 3 columns.
        assert!(matches!(
            check(&bytes, 11),
            Err(WorkbookLimit::Cells { count: 12, .. })
        ));
    }

    #[test]
    fn real_workbooks_pass() {
        for name in ["troops.xlsx", "from-csv.xlsx", "troops.ods", "from-csv.xls"] {
            assert_eq!(check(&fixture(name), 10_000_000), Ok(()), "{name}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn damaged_workbooks_never_panic(
            name in prop::sample::select(vec!["troops.xlsx", "troops.ods", "from-csv.xls"]),
            edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        ) {
            let mut bytes = fixture(name);
            for (at, byte) in edits {
                let at = at.index(bytes.len());
                bytes[at] = byte;
            }
            let _ = check(&bytes, 10_000_000);
        }
    }
}
