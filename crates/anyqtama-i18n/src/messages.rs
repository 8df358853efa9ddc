//! The messages of a Fluent file as this crate reads them: a line that starts with an ASCII
//! letter and has a `=` begins a message, and the indented lines after it continue it; any other
//! line is skipped. The formatter (`mini`) and the build script (which includes this file, to
//! copy the first page's messages) read the files the same way through it.

/// One message: its id, its value (after `=`, trimmed) and the whole of it as written.
pub struct Message<'s> {
    pub id: &'s str,
    pub value: &'s str,
    #[allow(dead_code)] // (the build script's: it copies messages as written)
    pub whole: &'s str,
}

/// The messages of `text`, in order.
pub fn messages(text: &str) -> impl Iterator<Item = Message<'_>> {
    let mut rest = text;
    std::iter::from_fn(move || {
        while !rest.is_empty() {
            let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
            let line = &rest[..line_end];
            let starts_id = line.starts_with(|c: char| c.is_ascii_alphabetic());
            if let (true, Some(eq)) = (starts_id, line.find('=')) {
                // The value: this line and the indented lines after it.
                let mut end = line_end;
                while end < rest.len() && rest[end..].starts_with([' ', '\t']) {
                    end += rest[end..].find('\n').map_or(rest.len() - end, |i| i + 1);
                }
                let message = Message {
                    id: line[..eq].trim_end(),
                    value: rest[eq + 1..end].trim(),
                    whole: &rest[..end],
                };
                rest = &rest[end..];
                return Some(message);
            }
            rest = &rest[line_end..];
        }
        None
    })
}
