//! Where a figure comes from.

use crate::error::ErrorKind;
use chrono::NaiveDate;

use crate::Error;

/// Where a figure comes from: publisher, title or URL, publication date,
/// speaker, and the quote as stated.
///
/// Only the publisher is required; everything else is added with the
/// `with_*` methods. Text is kept without surrounding white space; blank
/// text counts as absent.
///
/// ```
/// use alliance_commitments::Source;
/// use chrono::NaiveDate;
///
/// let source = Source::new("NATO")?
///     .with_title("Press conference by NATO Secretary General")
///     .with_published(NaiveDate::from_ymd_opt(2025, 4, 2).unwrap())
///     .with_speaker("NATO Secretary General")
///     .with_quote("more than 20 billion euros");
/// assert_eq!(source.publisher(), "NATO");
/// assert_eq!(source.speaker(), Some("NATO Secretary General"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Source {
    publisher: String,
    title: Option<String>,
    url: Option<String>,
    published: Option<NaiveDate>,
    speaker: Option<String>,
    quote: Option<String>,
}

/// The text without surrounding white space, or `None` if nothing is left:
/// sources hold trimmed text, so files that trim their cells give them back
/// unchanged.
fn non_blank(text: String) -> Option<String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        None
    } else if trimmed.len() == text.len() {
        Some(text)
    } else {
        Some(trimmed.to_owned())
    }
}

impl Source {
    /// A source with a publisher (not blank).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::EmptyField`] if the publisher is empty or blank.
    pub fn new(publisher: impl Into<String>) -> Result<Source, Error> {
        let publisher =
            non_blank(publisher.into()).ok_or(ErrorKind::EmptyField { field: "publisher" })?;
        Ok(Source {
            publisher,
            title: None,
            url: None,
            published: None,
            speaker: None,
            quote: None,
        })
    }

    /// With a title (a blank one is ignored).
    pub fn with_title(mut self, title: impl Into<String>) -> Source {
        self.title = non_blank(title.into());
        self
    }

    /// With a URL (a blank one is ignored). Kept as text: it is never fetched.
    pub fn with_url(mut self, url: impl Into<String>) -> Source {
        self.url = non_blank(url.into());
        self
    }

    /// With the date of publication.
    pub fn with_published(mut self, date: NaiveDate) -> Source {
        self.published = Some(date);
        self
    }

    /// With the person who made the statement (a blank one is ignored).
    pub fn with_speaker(mut self, speaker: impl Into<String>) -> Source {
        self.speaker = non_blank(speaker.into());
        self
    }

    /// With the quote, exactly as stated (a blank one is ignored).
    pub fn with_quote(mut self, quote: impl Into<String>) -> Source {
        self.quote = non_blank(quote.into());
        self
    }

    /// The publisher.
    pub fn publisher(&self) -> &str {
        &self.publisher
    }

    /// The title, if known.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The URL, if known.
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// The date of publication, if known.
    pub fn published(&self) -> Option<NaiveDate> {
        self.published
    }

    /// The speaker, if known.
    pub fn speaker(&self) -> Option<&str> {
        self.speaker.as_deref()
    }

    /// The quote as stated, if recorded.
    pub fn quote(&self) -> Option<&str> {
        self.quote.as_deref()
    }
}

impl std::fmt::Display for Source {
    /// `publisher, "title", date (speaker)`, with what is known.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.publisher)?;
        if let Some(title) = self.title.as_deref().or(self.url.as_deref()) {
            write!(f, ", \"{title}\"")?;
        }
        if let Some(date) = self.published {
            write!(f, ", {date}")?;
        }
        if let Some(speaker) = &self.speaker {
            write!(f, " ({speaker})")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publisher_is_required_and_blanks_are_dropped() {
        assert_eq!(
            Source::new(" "),
            Err(ErrorKind::EmptyField { field: "publisher" }.into())
        );
        let s = Source::new("Kiel Institute")
            .unwrap()
            .with_title("")
            .with_url("https://example.org/x");
        assert_eq!(s.title(), None);
        assert_eq!(s.to_string(), "Kiel Institute, \"https://example.org/x\"");
        // Found by fuzzing: a trailing tab did not survive a CSV round trip.
        let t = Source::new(" NATO\t").unwrap().with_quote("said so\t\n");
        assert_eq!((t.publisher(), t.quote()), ("NATO", Some("said so")));
    }
}

#[cfg(feature = "serde")]
mod json {
    //! The JSON form (feature `serde`; layout in the README).

    use chrono::NaiveDate;

    use serde::de::{self, Deserializer};
    use serde::ser::Serializer;
    use serde::{Deserialize, Serialize};

    use crate::Source;

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct SourceRepr {
        publisher: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        url: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        published: Option<NaiveDate>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        speaker: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quote: Option<String>,
    }

    impl Serialize for Source {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            SourceRepr {
                publisher: self.publisher().to_owned(),
                title: self.title().map(str::to_owned),
                url: self.url().map(str::to_owned),
                published: self.published(),
                speaker: self.speaker().map(str::to_owned),
                quote: self.quote().map(str::to_owned),
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for Source {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let r = SourceRepr::deserialize(d)?;
            let mut source = Source::new(r.publisher).map_err(de::Error::custom)?;
            if let Some(t) = r.title {
                source = source.with_title(t);
            }
            if let Some(u) = r.url {
                source = source.with_url(u);
            }
            if let Some(p) = r.published {
                source = source.with_published(p);
            }
            if let Some(sp) = r.speaker {
                source = source.with_speaker(sp);
            }
            if let Some(q) = r.quote {
                source = source.with_quote(q);
            }
            Ok(source)
        }
    }
}
