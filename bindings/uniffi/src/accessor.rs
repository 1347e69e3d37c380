//! The read-only accessors of the objects around a core value: one method per member, handing out
//! a copy (the core's members are public fields, which an object cannot show).

/// Declares on the object `$object`, whose core value is `self.$inner`, one method per member
/// `$field` returning a copy of it as `$ty`; `via $wrap` turns the copy into what crosses
/// (`ScopeSet::wrap` for the members that cross as objects).
macro_rules! accessors {
    ($object:ident . $inner:tt { $($(#[$doc:meta])* $field:ident -> $ty:ty $(, via $wrap:expr)?;)* }) => {
        #[uniffi::export]
        impl $object {
            $(
                $(#[$doc])*
                pub fn $field(&self) -> $ty {
                    let member = self.$inner.$field.clone();
                    $(let member = ($wrap)(member);)?
                    member
                }
            )*
        }
    };
}

pub(crate) use accessors;
