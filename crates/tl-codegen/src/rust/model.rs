//! The schema as the generator sees it: resolved field types, boxed types with their
//! constructors, which enum variants are boxed, and a finite constructor for every boxed type.

use crate::ast::{Category, Definition, ParamKind, Ty};
use crate::error::GenerateError;
use crate::naming::{module_name, type_name};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A field type after resolution against the schema and the built-ins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RType {
    Int,
    Long,
    Double,
    Int128,
    Int256,
    String,
    Bytes,
    /// The boxed `Bool` (boolTrue/boolFalse), a Rust `bool`.
    Bool,
    /// `true`: no bytes; only meaningful behind a flag.
    True,
    /// Boxed `Vector<T>` (id + count + items).
    Vector(Box<RType>),
    /// Bare `vector<T>` (count + items).
    BareVector(Box<RType>),
    /// A boxed type: the generated enum (namespace, Rust name).
    Enum(Option<String>, String),
    /// A bare constructor used as a type: the generated struct (namespace, Rust name).
    Struct(Option<String>, String),
    /// A type variable (`!X`), a generic parameter of the function.
    Generic(String),
}

/// Rust type names for a schema rooted at `root` (for example `crate::api`).
pub(crate) fn rust_type(ty: &RType, root: &str) -> String {
    let path = |kind: &str, ns: &Option<String>, name: &str| match ns {
        Some(ns) => format!("{root}::{kind}::{}::{name}", module_name(ns)),
        None => format!("{root}::{kind}::{name}"),
    };
    match ty {
        RType::Int => "i32".into(),
        RType::Long => "i64".into(),
        RType::Double => "f64".into(),
        RType::Int128 => "[u8; 16]".into(),
        RType::Int256 => "[u8; 32]".into(),
        RType::String => "String".into(),
        RType::Bytes => "Vec<u8>".into(),
        RType::Bool | RType::True => "bool".into(),
        RType::Vector(inner) | RType::BareVector(inner) => {
            format!("Vec<{}>", rust_type(inner, root))
        }
        RType::Enum(ns, name) => path("enums", ns, name),
        RType::Struct(ns, name) => path("types", ns, name),
        RType::Generic(name) => name.clone(),
    }
}

/// One generated field: its TL parameter, Rust type and flag.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub(crate) tl_name: String,
    pub(crate) ty: RType,
    pub(crate) flag: Option<(String, u32)>,
    /// Position among the definition's parameters (1-based), used for sample values.
    pub(crate) index: usize,
}

/// A definition resolved for generation.
#[derive(Debug, Clone)]
pub(crate) struct Item<'d> {
    pub(crate) def: &'d Definition,
    pub(crate) rust_name: String,
    /// Names of the flags words, in order.
    pub(crate) flag_words: Vec<String>,
    pub(crate) fields: Vec<Field>,
    /// Where the flags words sit among the fields: (index into `fields` before which, word).
    pub(crate) word_positions: Vec<(usize, String)>,
    /// A function's result type; `None` for types and for a result that is a type variable.
    pub(crate) return_type: Option<RType>,
    /// Implemented by hand; the path of the type that stands in for the generated struct.
    pub(crate) external: Option<String>,
}

/// A boxed type and the indices (into [`Model::types`]) of its constructors.
#[derive(Debug, Clone)]
pub(crate) struct Boxed {
    pub(crate) tl_name: String,
    pub(crate) namespace: Option<String>,
    pub(crate) rust_name: String,
    pub(crate) ctors: Vec<usize>,
    /// The constructor with the shallowest finite value: used by `Default` and by test samples.
    pub(crate) simplest: usize,
}

/// The whole schema, resolved.
pub(crate) struct Model<'d> {
    pub(crate) types: Vec<Item<'d>>,
    pub(crate) functions: Vec<Item<'d>>,
    pub(crate) boxed: Vec<Boxed>,
}

impl<'d> Model<'d> {
    /// Resolves every definition; `externs` maps TL constructor names to hand-written Rust paths.
    pub(crate) fn build(
        defs: &'d [Definition],
        externs: &HashMap<String, String>,
    ) -> Result<Self, GenerateError> {
        let mut boxed_index: BTreeMap<String, Vec<&'d Definition>> = BTreeMap::new();
        let mut bare: HashMap<String, &'d Definition> = HashMap::new();
        let mut ids = HashSet::new();
        for def in defs {
            if !ids.insert(def.id) {
                return Err(GenerateError::Duplicate {
                    what: "constructor id",
                    name: format!("{:08x}", def.id),
                });
            }
            if def.category == Category::Type {
                boxed_index
                    .entry(def.result.full_name())
                    .or_default()
                    .push(def);
                bare.insert(def.full_name(), def);
            }
        }
        let resolver = Resolver {
            boxed: &boxed_index,
            bare: &bare,
        };
        let mut types = Vec::new();
        let mut functions = Vec::new();
        for def in defs {
            let item = resolver.item(def, externs)?;
            match def.category {
                Category::Type => types.push(item),
                Category::Function => functions.push(item),
            }
        }
        check_unique(
            types
                .iter()
                .map(|i| (i.def.namespace.clone(), i.rust_name.clone())),
        )?;
        check_unique(
            functions
                .iter()
                .map(|i| (i.def.namespace.clone(), i.rust_name.clone())),
        )?;
        let mut boxed = Vec::new();
        for (tl_name, ctors) in &boxed_index {
            let (namespace, name) = match tl_name.split_once('.') {
                Some((ns, name)) => (Some(ns.to_string()), name),
                None => (None, tl_name.as_str()),
            };
            let ctors = ctors
                .iter()
                .filter_map(|def| types.iter().position(|t| std::ptr::eq(t.def, *def)))
                .collect();
            boxed.push(Boxed {
                tl_name: tl_name.clone(),
                namespace,
                rust_name: type_name(name),
                ctors,
                simplest: 0,
            });
        }
        check_unique(
            boxed
                .iter()
                .map(|b| (b.namespace.clone(), b.rust_name.clone())),
        )?;
        let mut model = Model {
            types,
            functions,
            boxed,
        };
        model.choose_simplest()?;
        Ok(model)
    }

    /// Finds, for every boxed type, the first constructor (in schema order) buildable from types
    /// already known to be finite, round by round; a type left over can never be built.
    fn choose_simplest(&mut self) -> Result<(), GenerateError> {
        let mut done: HashSet<(Option<String>, String)> = HashSet::new();
        let mut pending: Vec<usize> = (0..self.boxed.len()).collect();
        while !pending.is_empty() {
            let mut found = Vec::new();
            for &b in &pending {
                let first = self.boxed[b].ctors.iter().copied().find(|&c| {
                    let item = &self.types[c];
                    item.external.is_some()
                        || item
                            .fields
                            .iter()
                            .all(|f| enums_in(&f.ty).iter().all(|e| done.contains(e)))
                });
                if let Some(c) = first {
                    found.push((b, c));
                }
            }
            if found.is_empty() {
                let name = self.boxed[pending[0]].tl_name.clone();
                return Err(GenerateError::Unconstructible(name));
            }
            for (b, c) in found {
                self.boxed[b].simplest = c;
                done.insert((
                    self.boxed[b].namespace.clone(),
                    self.boxed[b].rust_name.clone(),
                ));
                pending.retain(|&p| p != b);
            }
        }
        Ok(())
    }

    /// The boxed type a constructor belongs to.
    pub(crate) fn boxed_of(&self, item: &Item<'_>) -> Option<&Boxed> {
        let name = item.def.result.full_name();
        self.boxed.iter().find(|b| b.tl_name == name)
    }
}

/// The enums a field type refers to (inside vectors too).
fn enums_in(ty: &RType) -> Vec<(Option<String>, String)> {
    match ty {
        RType::Vector(inner) | RType::BareVector(inner) => enums_in(inner),
        RType::Enum(ns, name) => vec![(ns.clone(), name.clone())],
        _ => Vec::new(),
    }
}

fn check_unique(
    names: impl Iterator<Item = (Option<String>, String)>,
) -> Result<(), GenerateError> {
    let mut seen = HashSet::new();
    for (ns, name) in names {
        let key = format!("{}{name}", ns.map(|n| format!("{n}.")).unwrap_or_default());
        if !seen.insert(key.clone()) {
            return Err(GenerateError::Duplicate {
                what: "Rust name",
                name: key,
            });
        }
    }
    Ok(())
}

struct Resolver<'m, 'd> {
    boxed: &'m BTreeMap<String, Vec<&'d Definition>>,
    bare: &'m HashMap<String, &'d Definition>,
}

impl<'d> Resolver<'_, 'd> {
    fn item(
        &self,
        def: &'d Definition,
        externs: &HashMap<String, String>,
    ) -> Result<Item<'d>, GenerateError> {
        let mut fields = Vec::new();
        let mut flag_words = Vec::new();
        let mut word_positions = Vec::new();
        for (i, param) in def.params.iter().enumerate() {
            match &param.kind {
                ParamKind::Flags => {
                    flag_words.push(param.name.clone());
                    word_positions.push((fields.len(), param.name.clone()));
                }
                ParamKind::Field { ty, flag } => {
                    let ty = self.resolve(def, ty)?;
                    if ty == RType::True && flag.is_none() {
                        return Err(Self::unknown(def, "true outside a flag"));
                    }
                    let flag = flag.as_ref().map(|f| (f.word.clone(), f.bit));
                    fields.push(Field {
                        tl_name: param.name.clone(),
                        ty,
                        flag,
                        index: i + 1,
                    });
                }
            }
        }
        let return_type = match def.category {
            Category::Function if !def.generics.contains(&def.result.name) => {
                Some(self.resolve(def, &def.result)?)
            }
            _ => None,
        };
        Ok(Item {
            def,
            return_type,
            rust_name: type_name(&def.name),
            flag_words,
            fields,
            word_positions,
            external: externs.get(&def.full_name()).cloned(),
        })
    }

    fn unknown(def: &Definition, ty: &str) -> GenerateError {
        GenerateError::UnknownType {
            definition: def.full_name(),
            ty: ty.to_string(),
        }
    }

    fn resolve(&self, def: &Definition, ty: &Ty) -> Result<RType, GenerateError> {
        if ty.bang || def.generics.contains(&ty.name) {
            return if def.generics.contains(&ty.name) && ty.arg.is_none() {
                Ok(RType::Generic(ty.name.clone()))
            } else {
                Err(Self::unknown(def, &ty.to_string()))
            };
        }
        let arg = match &ty.arg {
            Some(arg) => Some(self.resolve(def, arg)?),
            None => None,
        };
        let simple = match (ty.full_name().as_str(), arg) {
            ("Vector", Some(inner)) => {
                return self
                    .element(def, ty, inner)
                    .map(|i| RType::Vector(Box::new(i)));
            }
            ("vector", Some(inner)) => {
                return self
                    .element(def, ty, inner)
                    .map(|i| RType::BareVector(Box::new(i)));
            }
            ("int", None) => RType::Int,
            ("long", None) => RType::Long,
            ("double", None) => RType::Double,
            ("int128", None) => RType::Int128,
            ("int256", None) => RType::Int256,
            ("string", None) => RType::String,
            ("bytes", None) => RType::Bytes,
            ("Bool", None) => RType::Bool,
            ("true", None) => RType::True,
            (name, None) if self.boxed.contains_key(name) => {
                RType::Enum(ty.namespace.clone(), type_name(&ty.name))
            }
            (name, None) if self.bare.contains_key(name) => {
                RType::Struct(ty.namespace.clone(), type_name(&ty.name))
            }
            _ => return Err(Self::unknown(def, &ty.to_string())),
        };
        Ok(simple)
    }

    /// Vector items must take at least 4 bytes each on the wire (the decoder's allocation bound
    /// relies on it): no `true`, no nested bare vectors, no field-less bare constructors.
    fn element(&self, def: &Definition, ty: &Ty, inner: RType) -> Result<RType, GenerateError> {
        let ok = match &inner {
            RType::True | RType::BareVector(_) | RType::Generic(_) => false,
            RType::Struct(..) => ty
                .arg
                .as_ref()
                .and_then(|a| self.bare.get(&a.full_name()))
                .is_some_and(|d| !d.params.is_empty()),
            _ => true,
        };
        if ok {
            Ok(inner)
        } else {
            Err(Self::unknown(def, &ty.to_string()))
        }
    }
}
