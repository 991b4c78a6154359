//! What a copy window reads of a stored article: the numbers and bytes stored before its
//! first text, which `ArticleFields::document` puts there (the cluster and the sketch).
//!
//! The sketch a fingerprint leaves is stored with the article (in the doc store, beside its
//! text) rather than as a fast field: a bytes fast field builds a sorted, compressed
//! dictionary of values that are all different, which cost the index build more than the
//! whole copy window (`docs/relevance.md`). A window reads it back once, when a writer
//! opens, with this deserializer, which stops at the first text: the article's text is
//! decompressed but never decoded.

use tantivy::schema::document::{
    ArrayAccess, DeserializeError, DocumentDeserialize, DocumentDeserializer, ObjectAccess,
    ValueDeserialize, ValueDeserializer, ValueVisitor,
};
use tantivy::schema::Field;

/// The `u64` and bytes values stored before a document's first text value, by field, in
/// stored order.
#[derive(Debug, Default)]
pub struct StoredNumbers {
    values: Vec<(Field, Kept)>,
}

impl StoredNumbers {
    /// The first `u64` stored in `field`.
    pub fn u64(&self, field: Field) -> Option<u64> {
        self.values.iter().find_map(|(f, v)| match v {
            Kept::U64(n) if *f == field => Some(*n),
            _ => None,
        })
    }

    /// The first bytes stored in `field`.
    pub fn bytes(&self, field: Field) -> Option<&[u8]> {
        self.values.iter().find_map(|(f, v)| match v {
            Kept::Bytes(b) if *f == field => Some(&b[..]),
            _ => None,
        })
    }
}

impl DocumentDeserialize for StoredNumbers {
    fn deserialize<'de, D>(mut deserializer: D) -> Result<Self, DeserializeError>
    where
        D: DocumentDeserializer<'de>,
    {
        let mut values = Vec::new();
        while let Some((field, value)) = deserializer.next_field::<Kept>()? {
            match value {
                Kept::Text => break,
                Kept::Other => {}
                kept => values.push((field, kept)),
            }
        }
        Ok(StoredNumbers { values })
    }
}

/// One stored value: a number or bytes, kept; text, where reading stops; anything else,
/// read and dropped.
#[derive(Debug)]
enum Kept {
    U64(u64),
    Bytes(Vec<u8>),
    Text,
    Other,
}

impl ValueDeserialize for Kept {
    fn deserialize<'de, D>(deserializer: D) -> Result<Self, DeserializeError>
    where
        D: ValueDeserializer<'de>,
    {
        deserializer.deserialize_any(KeptVisitor)
    }
}

struct KeptVisitor;

impl ValueVisitor for KeptVisitor {
    type Value = Kept;

    fn visit_null(&self) -> Result<Kept, DeserializeError> {
        Ok(Kept::Other)
    }
    fn visit_string(&self, _: String) -> Result<Kept, DeserializeError> {
        Ok(Kept::Text)
    }
    fn visit_u64(&self, val: u64) -> Result<Kept, DeserializeError> {
        Ok(Kept::U64(val))
    }
    fn visit_i64(&self, _: i64) -> Result<Kept, DeserializeError> {
        Ok(Kept::Other)
    }
    fn visit_f64(&self, _: f64) -> Result<Kept, DeserializeError> {
        Ok(Kept::Other)
    }
    fn visit_bool(&self, _: bool) -> Result<Kept, DeserializeError> {
        Ok(Kept::Other)
    }
    fn visit_datetime(&self, _: tantivy::DateTime) -> Result<Kept, DeserializeError> {
        Ok(Kept::Other)
    }
    fn visit_ip_address(&self, _: std::net::Ipv6Addr) -> Result<Kept, DeserializeError> {
        Ok(Kept::Other)
    }
    fn visit_facet(&self, _: tantivy::schema::Facet) -> Result<Kept, DeserializeError> {
        Ok(Kept::Other)
    }
    fn visit_bytes(&self, val: Vec<u8>) -> Result<Kept, DeserializeError> {
        Ok(Kept::Bytes(val))
    }
    fn visit_pre_tokenized_string(
        &self,
        _: tantivy::tokenizer::PreTokenizedString,
    ) -> Result<Kept, DeserializeError> {
        Ok(Kept::Text)
    }
    fn visit_array<'de, A>(&self, mut access: A) -> Result<Kept, DeserializeError>
    where
        A: ArrayAccess<'de>,
    {
        while access.next_element::<Kept>()?.is_some() {}
        Ok(Kept::Other)
    }
    fn visit_object<'de, A>(&self, mut access: A) -> Result<Kept, DeserializeError>
    where
        A: ObjectAccess<'de>,
    {
        while access.next_entry::<Kept>()?.is_some() {}
        Ok(Kept::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Schema, STORED};
    use tantivy::{doc, Index};

    #[test]
    fn numbers_and_bytes_before_the_first_text_come_back() {
        let mut b = Schema::builder();
        let text = b.add_text_field("text", STORED);
        let n = b.add_u64_field("n", STORED);
        let bytes = b.add_bytes_field("bytes", STORED);
        let date = b.add_date_field("date", STORED);
        let index = Index::create_in_ram(b.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        writer
            .add_document(doc!(
                n => 7u64,
                date => tantivy::DateTime::from_timestamp_secs(9),
                bytes => vec![1u8, 2, 3],
                n => 8u64,
                text => "पाठ",
                bytes => vec![4u8],
            ))
            .unwrap();
        writer.add_document(doc!(text => "पाठ", n => 9u64)).unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let store = searcher.segment_reader(0).get_store_reader(1).unwrap();
        let docs: Vec<StoredNumbers> = store.iter(None).map(|d| d.unwrap()).collect();
        assert_eq!(docs[0].u64(n), Some(7));
        assert_eq!(docs[0].bytes(bytes), Some(&[1u8, 2, 3][..]));
        assert_eq!(docs[0].u64(text), None);
        // stored after the text: not read
        assert_eq!(docs[0].values.len(), 3);
        assert_eq!(docs[1].u64(n), None);
        assert_eq!(docs[1].bytes(bytes), None);
    }
}
