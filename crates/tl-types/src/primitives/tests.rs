//! Wire-format tests of the built-in types (core.telegram.org/mtproto/serialize).

use super::*;

fn round<T: Serializable + Deserializable + PartialEq + std::fmt::Debug>(value: &T) -> Vec<u8> {
    let bytes = value.to_bytes();
    assert_eq!(&T::from_bytes(&bytes).expect("decodes"), value);
    bytes
}

#[test]
fn integers_are_little_endian() {
    assert_eq!(round(&0x0102_0304i32), [4, 3, 2, 1]);
    assert_eq!(
        round(&-2i64),
        [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]
    );
    assert_eq!(round(&1.0f64), 1.0f64.to_le_bytes());
    assert_eq!(round(&[7u8; 16]), [7u8; 16]);
}

#[test]
fn bools_are_boxed() {
    assert_eq!(round(&true), [0xb5, 0x75, 0x72, 0x99]);
    assert_eq!(round(&false), [0x37, 0x97, 0x79, 0xbc]);
    assert_eq!(
        bool::from_bytes(&[1, 2, 3, 4]),
        Err(DeserializeError::UnknownConstructor {
            id: 0x0403_0201,
            type_name: "Bool"
        })
    );
}

#[test]
fn short_bytes_have_a_one_byte_length_and_padding() {
    assert_eq!(round(&Vec::<u8>::new()), [0, 0, 0, 0]);
    assert_eq!(round(&vec![0xaa_u8]), [1, 0xaa, 0, 0]);
    assert_eq!(round(&vec![1u8, 2, 3]), [3, 1, 2, 3]);
    assert_eq!(
        round(&"abcd".to_string()),
        [4, b'a', b'b', b'c', b'd', 0, 0, 0]
    );
    let long = round(&vec![9u8; 253]);
    assert_eq!((long[0], long.len()), (253, 256));
}

#[test]
fn long_bytes_have_a_fe_prefix_and_three_byte_length() {
    let bytes = round(&vec![5u8; 254]);
    assert_eq!(&bytes[..4], &[0xfe, 254, 0, 0]);
    assert_eq!(bytes.len(), 4 + 256);
    let bytes = round(&vec![5u8; 0x01_0203]);
    assert_eq!(&bytes[..4], &[0xfe, 0x03, 0x02, 0x01]);
    assert_eq!(bytes.len() % 4, 0);
}

#[test]
fn bad_lengths_are_errors_not_allocations() {
    assert_eq!(
        Vec::<u8>::from_bytes(&[0xff, 0, 0, 0]),
        Err(DeserializeError::InvalidLength(255))
    );
    assert_eq!(
        Vec::<u8>::from_bytes(&[0xfe, 0xff, 0xff, 0xff]),
        Err(DeserializeError::TooLarge {
            declared: 0xff_ffff,
            remaining: 0
        })
    );
    assert!(matches!(
        Vec::<u8>::from_bytes(&[3, 1, 2]),
        Err(DeserializeError::TooLarge { .. })
    ));
    assert!(matches!(
        Vec::<u8>::from_bytes(&[3, 1, 2, 3, 0]),
        Err(DeserializeError::TrailingBytes(1))
    ));
}

#[test]
fn invalid_utf8_is_decoded_lossily() {
    let bytes = vec![2u8, 0xff, b'a', 0];
    assert_eq!(String::from_bytes(&bytes), Ok("\u{fffd}a".to_string()));
}
