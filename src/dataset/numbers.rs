//! Numbers as messages and tables show them.

/// `170000` → `"170,000"`. Lives in the data layer because load errors count their problems;
/// the chart re-exports it as `chart::format::thousands`.
pub fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
