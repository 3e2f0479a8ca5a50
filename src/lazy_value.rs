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
        let name = key.as_str()?;
        self.record().serialize(Picker { want: Some(name) }).ok()?.found
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        match self.record().serialize(Picker { want: None }) {
            Ok(picked) => Enumerator::Values(picked.names.into_iter().map(Value::from).collect()),
            Err(_) => Enumerator::Empty,
        }
    }
}

/// What [`Picker`] found: the wanted field's value, or, when none is wanted, every
/// field's name.
struct Picked {
    found: Option<Value>,
    names: Vec<&'static str>,
}

/// A serializer for structs only: it reads the field named `want` and passes the others by.
struct Picker<'a> {
    want: Option<&'a str>,
}

#[derive(Debug)]
struct NotAStruct;

impl fmt::Display for NotAStruct {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a template record must serialize as a struct")
    }
}

impl std::error::Error for NotAStruct {}

impl ser::Error for NotAStruct {
    fn custom<M: fmt::Display>(_: M) -> Self {
        NotAStruct
    }
}

struct PickFields<'a> {
    want: Option<&'a str>,
    picked: Picked,
}

impl ser::SerializeStruct for PickFields<'_> {
    type Ok = Picked;
    type Error = NotAStruct;

    fn serialize_field<V: ?Sized + Serialize>(&mut self, key: &'static str, value: &V) -> Result<(), NotAStruct> {
        match self.want {
            // Only enumerating needs the names.
            None => self.picked.names.push(key),
            Some(want) if want == key => self.picked.found = Some(Value::from(minijinja::value::Serde(value))),
            Some(_) => {}
        }
        Ok(())
    }

    fn end(self) -> Result<Picked, NotAStruct> {
        Ok(self.picked)
    }
}

/// Everything but a struct is refused.
macro_rules! refuse {
    ($($name:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $name(self, $(_: $arg),*) -> Result<Picked, NotAStruct> { Err(NotAStruct) })*
    };
}

impl<'a> ser::Serializer for Picker<'a> {
    type Ok = Picked;
    type Error = NotAStruct;
    type SerializeSeq = Impossible<Picked, NotAStruct>;
    type SerializeTuple = Impossible<Picked, NotAStruct>;
    type SerializeTupleStruct = Impossible<Picked, NotAStruct>;
    type SerializeTupleVariant = Impossible<Picked, NotAStruct>;
    type SerializeMap = Impossible<Picked, NotAStruct>;
    type SerializeStruct = PickFields<'a>;
    type SerializeStructVariant = Impossible<Picked, NotAStruct>;

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<PickFields<'a>, NotAStruct> {
        let names = if self.want.is_none() { Vec::with_capacity(len) } else { Vec::new() };
        Ok(PickFields { want: self.want, picked: Picked { found: None, names } })
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

    fn serialize_some<V: ?Sized + Serialize>(self, _: &V) -> Result<Picked, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_newtype_struct<V: ?Sized + Serialize>(self, _: &'static str, _: &V) -> Result<Picked, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_newtype_variant<V: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> Result<Picked, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotAStruct> {
        Err(NotAStruct)
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
        let picked = row.serialize(Picker { want: Some("antal") }).unwrap();
        assert_eq!(picked.found, Some(Value::from(3)));
        assert_eq!(row.serialize(Picker { want: None }).unwrap().names, vec!["namn", "antal"]);
        assert!(row.serialize(Picker { want: Some("not") }).unwrap().found.is_none());
        assert!(3u8.serialize(Picker { want: None }).is_err());
    }
}
