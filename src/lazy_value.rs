//! The model's records as template values that read a field when a template asks for it.
//!
//! Templates look records up by key (`kommuner[kod].namn`) on every page. Converting the
//! whole model into minijinja values once made a second copy of it: about 250 MB at 30 000
//! records. A [`Record`] instead points at its record in the shared [`Site`] and serializes
//! only the field asked for, with a serializer that skips every other field unread.

use std::fmt;
use std::sync::Arc;

use minijinja::value::{Enumerator, Object, ObjectRepr, Value};
use serde::Serialize;
use serde::ser::{self, Impossible};

use crate::model::Site;

/// One record of one of the site's lists: `list(site)[index]`.
pub struct Record<T: 'static> {
    site: Arc<Site>,
    list: fn(&Site) -> &[T],
    index: usize,
}

impl<T> Record<T> {
    fn record(&self) -> &T {
        &(self.list)(&self.site)[self.index]
    }
}

/// Record `index` of `list` as a template value.
pub fn record<T: Serialize + Send + Sync + 'static>(site: &Arc<Site>, list: fn(&Site) -> &[T], index: usize) -> Value {
    Value::from_object(Record { site: Arc::clone(site), list, index })
}

/// Every record of `list` as a template value, in the list's order.
pub fn records<T: Serialize + Send + Sync + 'static>(site: &Arc<Site>, list: fn(&Site) -> &[T]) -> Vec<Value> {
    (0..list(site).len()).map(|index| record(site, list, index)).collect()
}

impl<T> fmt::Debug for Record<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Record({})", self.index)
    }
}

impl<T: Serialize + Send + Sync + 'static> Object for Record<T> {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        field(self.record(), key.as_str()?)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        match field_names(self.record()) {
            Some(names) => Enumerator::Values(names.into_iter().map(Value::from).collect()),
            None => Enumerator::Empty,
        }
    }
}

/// The field `name` of `record` as a template value, the fields after it unread.
fn field<T: Serialize>(record: &T, name: &str) -> Option<Value> {
    match record.serialize(Picker { want: Some(name) }) {
        Err(Stop::Found(value)) => Some(value),
        _ => None,
    }
}

/// The names of `record`'s fields, if it is a struct.
fn field_names<T: Serialize>(record: &T) -> Option<Names> {
    record.serialize(Picker { want: None }).ok()
}

/// The names of a struct's fields, in order: what [`Picker`] returns when it wants none.
type Names = Vec<&'static str>;

/// A serializer for structs only: it stops at the field named `want` with its value
/// ([`Stop::Found`]), or, wanting none, lists the field names.
struct Picker<'a> {
    want: Option<&'a str>,
}

/// Why [`Picker`] stopped early: the value was not a struct, or the wanted field was
/// found, which ends the walk over the remaining fields.
#[derive(Debug)]
enum Stop {
    NotAStruct,
    Found(Value),
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stop::NotAStruct => f.write_str("a template record must serialize as a struct"),
            Stop::Found(_) => f.write_str("the wanted field was found"),
        }
    }
}

impl std::error::Error for Stop {}

impl ser::Error for Stop {
    fn custom<M: fmt::Display>(_: M) -> Self {
        Stop::NotAStruct
    }
}

struct PickFields<'a> {
    want: Option<&'a str>,
    names: Names,
}

impl ser::SerializeStruct for PickFields<'_> {
    type Ok = Names;
    type Error = Stop;

    fn serialize_field<V: ?Sized + Serialize>(&mut self, key: &'static str, value: &V) -> Result<(), Stop> {
        match self.want {
            None => self.names.push(key),
            Some(want) if want == key => return Err(Stop::Found(Value::from(minijinja::value::Serde(value)))),
            Some(_) => {}
        }
        Ok(())
    }

    fn end(self) -> Result<Names, Stop> {
        Ok(self.names)
    }
}

/// Everything but a struct is refused.
macro_rules! refuse {
    ($($name:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $name(self, $(_: $arg),*) -> Result<Names, Stop> { Err(Stop::NotAStruct) })*
    };
}

impl<'a> ser::Serializer for Picker<'a> {
    type Ok = Names;
    type Error = Stop;
    type SerializeSeq = Impossible<Names, Stop>;
    type SerializeTuple = Impossible<Names, Stop>;
    type SerializeTupleStruct = Impossible<Names, Stop>;
    type SerializeTupleVariant = Impossible<Names, Stop>;
    type SerializeMap = Impossible<Names, Stop>;
    type SerializeStruct = PickFields<'a>;
    type SerializeStructVariant = Impossible<Names, Stop>;

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<PickFields<'a>, Stop> {
        // Only enumerating needs the names.
        let names = if self.want.is_none() { Vec::with_capacity(len) } else { Vec::new() };
        Ok(PickFields { want: self.want, names })
    }

    refuse!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<V: ?Sized + Serialize>(self, _: &V) -> Result<Names, Stop> {
        Err(Stop::NotAStruct)
    }
    fn serialize_newtype_struct<V: ?Sized + Serialize>(self, _: &'static str, _: &V) -> Result<Names, Stop> {
        Err(Stop::NotAStruct)
    }
    fn serialize_newtype_variant<V: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> Result<Names, Stop> {
        Err(Stop::NotAStruct)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Stop> {
        Err(Stop::NotAStruct)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Stop> {
        Err(Stop::NotAStruct)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Stop> {
        Err(Stop::NotAStruct)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Stop> {
        Err(Stop::NotAStruct)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Stop> {
        Err(Stop::NotAStruct)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Stop> {
        Err(Stop::NotAStruct)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Row {
        namn: String,
        antal: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        not: Option<u8>,
    }

    #[test]
    fn reads_one_field_and_lists_the_names() {
        let row = Row { namn: "Borlänge".into(), antal: 3, not: None };
        assert_eq!(field(&row, "antal"), Some(Value::from(3)));
        assert_eq!(field(&row, "namn"), Some(Value::from("Borlänge")));
        assert_eq!(field_names(&row), Some(vec!["namn", "antal"]));
        assert_eq!(field(&row, "not"), None);
        assert_eq!(field(&3u8, "antal"), None);
        assert_eq!(field_names(&3u8), None);
    }
}
