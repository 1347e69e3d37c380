//! The read-only accessors of the objects around a core value: one method per member, handing out
//! a copy (the core's members are public fields, which an object cannot show).

/// Declares on the object `$object`, whose core value is `self.$inner`, one method per member
/// `$field` returning a copy of it as `$ty`.
macro_rules! accessors {
    ($object:ident . $inner:tt { $($(#[$doc:meta])* $field:ident -> $ty:ty;)* }) => {
        #[uniffi::export]
        impl $object {
            $(
                $(#[$doc])*
                pub fn $field(&self) -> $ty {
                    self.$inner.$field.clone()
                }
            )*
        }
    };
}

pub(crate) use accessors;
