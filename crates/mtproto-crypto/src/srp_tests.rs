//! SRP vectors D1-D4 (VECTORS.md D, all recomputed independently there).

use super::*;
use crate::dh::TELEGRAM_DH_PRIME;
use crate::test_util::hex;

fn padded(bytes: &[u8]) -> [u8; 256] {
    pad256(&BigUint::from_bytes_be(bytes))
}

/// D1: grammers `two_factor_auth.rs` `check_calculations_1`, Telethon v2 `test_calculations_1`.
#[test]
fn vector_d1_tiny_numbers() {
    let p = padded(&[0x2f]);
    let params = SrpParams {
        salt1: &[1],
        salt2: &[2],
        g: 3,
        p: &p,
    };
    let check = check_password(&[7], &params, &[5], 9, &padded(&[6])).unwrap();
    assert_eq!(
        check.m1.to_vec(),
        hex("9d83c46700b874e807c455e711241ede9eea62583b3847d7b77b7a32132036ce")
    );
    assert_eq!(check.a, padded(&[0x18]));
    assert_eq!(check.srp_id, 9);
}

/// D2: grammers `check_calculations_2`, Telethon v2 `test_calculations_2`.
#[test]
fn vector_d2_real_size() {
    let salt1 =
        hex("5f483c38bd0986e7cdc95ae138ef4f49b951c1f81c713fecdef3af692cec4b4716ac9b770a195ebe");
    let salt2 = hex("b616fc6bbedf511119c5ed34629527f1");
    let g_b = hex(concat!(
        "93f70ebd50f6426aca2568769599f91f24d01284cc51a449e62dcc1527dfe50126b2aa44238e4fb2331419ed4aebf1a0ae15e03abd18bfc52ca6baec564c13b5",
        "a1d2e357799897757bb736fdc2ceb1b56aacf19ab3548d6d922a522f0b51f40124c3bc9936aff3e1dcfbea39ac9ad2addc6af0ad30783278bbb84cab0ed8464b",
        "0ffeb2b0c93a39a5d97dba0105672ca5475373d8d23e54a6ac9bed9519e8bef4f00719f5ad56151be5537648df2f8e3e7265cb57fb94a054ce2a82b8cc664ad0",
        "60e0d6c6df1879345440eb977fa0f2d36f31a253d8917732f133d40033a34b6152969b600d59cdabfea2ab2393ad659e56d66e13605b1f61e48e3cd65c0f58ac"
    ));
    let a: [u8; 256] = hex(concat!(
        "bf31574f34fce1e53891c59b7f62468a0ca682da8585df8de0a18873359755fbb1818878a9ee919bb1e94d20c5f0607e02a33176199bf3220256c9ea1a69f395",
        "a515d20539d88cda750a5252fb864f573f2b032f3b467d08b34fd9c89d1c5d06278e113e51d4e893c1c027455af4653f096607a4156d94fb8e1dc7cee5bfe328",
        "50982f941ae4414e83bf22df56270b43b7ccc44c26d40886464da8e344a8540795b8f69b8f508552a723cd6931e1d69204e8e9dc056f0a2a10a0d7951e355f3e",
        "def5a5e18a9091295a51eb9db10b8b0d30489c8d29bc0cd86e97781f5e30c5b6bfe7caf4aae81b282e653ac48aa1a8fde789722bc04f4320cd9f86849fe05ca4"
    ))
    .try_into()
    .unwrap();
    let params = SrpParams {
        salt1: &salt1,
        salt2: &salt2,
        g: 3,
        p: &TELEGRAM_DH_PRIME,
    };
    let check = check_password(b"234567", &params, &g_b, 1, &a).unwrap();
    assert_eq!(
        check.m1.to_vec(),
        hex("4d7af412c5a2e7b15467376bd118b853604e687b31f51c4980c4d7c1876613e3")
    );
    let g_a = hex(concat!(
        "0fa12bc655b1187a28296a69ae565d682782e0ceb05a089c0c41c1dce983dc7f4a53434ea78e065d9e1cb60e427b4468a4780609feba2f55654ee2efe0aeb72e",
        "dafde2652e26ed5b4d4baad9d2a381806af63416bf6263df45a43d85be5401bc223ebfac09421caddd7e260bd6b86542133c048d6cd54b38d8e2ccdf6b550e87",
        "5b1353a4acfe3292ffb56a0f58b2a39027c9bfdd91fd4c531d23c77d6e8f7d583eaeea316dedded69935296ce7ea34e9be6ef2fbd829eac4c9bd646dc1563e47",
        "f77b91431ca002cf79fc149d968272835c15ca1c6b2c5e03712a2e1b5d52f5e4faa1c16cb177fafd96a6aa5b4b3f4c649915644b63855cfb38561ff17fedfb8a"
    ));
    assert_eq!(check.a.to_vec(), g_a);
}

/// D3: gotd `crypto/srp/srp_test.go` `TestSRP` (a = 1, so A = g = 3).
#[test]
fn vector_d3_gotd() {
    let salt1 =
        hex("4d11fb6bec38f9d2546bb0f61e4f1c99a1bc0db8f0d5f35b1291b37b213123d7ed48f3c6794d495b");
    let salt2 = hex("a1b181aafe88188680ae32860d60bb01");
    let srp_b = hex(concat!(
        "9c52401a6a8084ec82f01c3725d3fb448bd2f0c909f9d97726eac4b7a74172d952f02466be6734fa274d2b7429e27397f10372d66b400b80a5c5ae3f28b17bf3",
        "105d7a2d2a885998cdc2defc208aec217ab58859a9abc2374ad93dc285f4b3fbcaff4143d7888f2425bd2fb711b25609ceb21757d935b1ef2f042173ad0ce2fe",
        "0e474dac53914bd25a8a9aed4aea8953d55cb88621db37b871ea0d04393ac0987f68094ccc9de8239251375d8fffd263316cd528c097b7bc9fb919fbedb76c52",
        "5df3413c374ee076d97a1e6d352bb7cc80fd13651b04b32e2e48c5268150842cfd07cf855958b1b5ea9c36fdad697fe3aec8dcc6b1efec36874af226204676cf"
    ));
    let params = SrpParams {
        salt1: &salt1,
        salt2: &salt2,
        g: 3,
        p: &TELEGRAM_DH_PRIME,
    };
    let check = check_password(b"123123", &params, &srp_b, 7, &padded(&[1])).unwrap();
    assert_eq!(
        check.m1.to_vec(),
        hex("999df906bda2c6cbb52f503406eba2d0d0503ace0cc302c38f13ee5010ad4051")
    );
    assert_eq!(check.a, padded(&[3]));
}

/// D4: gotd `crypto/srp/new_hash_test.go` `TestSRP_NewHash` (salt1 extended with 32 zero bytes).
#[test]
fn vector_d4_new_password_verifier() {
    let mut salt1 = hex("e6c8957ddf988d48");
    salt1.extend([0u8; 32]);
    let salt2 = hex("9f6344822b096cff87efa426f57857b6");
    let params = SrpParams {
        salt1: &salt1,
        salt2: &salt2,
        g: 3,
        p: &TELEGRAM_DH_PRIME,
    };
    let expected = hex(concat!(
        "186ac18dcc5790bf6bba21bd958d375ee5481af0029e9bd7a9c68ec926bd5196d81f8cd8b58ee06c8a10adeacc7f56e819ff514825deb15b1fadec6aae17a244",
        "cb23488d17349cd4261a8ba4da7b9c2ce5c40014dd9e362750acf3ac89b8b8f5c618f0b6a572c38fff3a554d8818a0b8e7b6015e1836128a1e4e2d5cf9971d1d",
        "d048aa181d861152eae71553962680632387b89ac1865fded7c8c3daa64ed38dc25036663fa0cf7748c52ea19c187e70a752a8053e409d4894218a429393d033",
        "82e41e50b7415b3b8ad092fd0790f88d894e84dca78f47f4218937d7aa99d88c87c09bcb8da890e535026623cea6fc8b3d25db70cb42aaa48323927d87a8fcf1"
    ));
    assert_eq!(
        new_password_hash(b"newPassword", &params).to_vec(),
        expected
    );
}

#[test]
fn srp_b_out_of_range_is_refused() {
    let p = padded(&[0x2f]);
    let params = SrpParams {
        salt1: &[1],
        salt2: &[2],
        g: 3,
        p: &p,
    };
    for bad in [&[0u8][..], &[0x2f], &[0x30], &[1; 300]] {
        assert!(matches!(
            check_password(&[7], &params, bad, 0, &padded(&[6])),
            Err(CryptoError::DhValueOutOfRange(_))
        ));
    }
}

/// The server side agrees with the client side: the `M1` a client computes from the right
/// password is the one the server expects, a wrong password's is not, and an `A` outside
/// `(0, p)` is refused.
#[test]
fn server_round_accepts_the_right_password_only() {
    let (salt1, salt2) = ([0x11; 40], [0x22; 16]);
    let params = SrpParams {
        salt1: &salt1,
        salt2: &salt2,
        g: 3,
        p: &TELEGRAM_DH_PRIME,
    };
    let verifier = new_password_hash(b"hunter2", &params);
    let b = [0x5b; 256];
    let srp_b = server_public(&params, &verifier, &b);

    let right = check_password(b"hunter2", &params, &srp_b, 1, &[0xa7; 256]).unwrap();
    let expected = server_expected_m1(&params, &verifier, &b, &right.a, &srp_b).unwrap();
    assert_eq!(expected, right.m1);

    let wrong = check_password(b"hunter3", &params, &srp_b, 1, &[0xa7; 256]).unwrap();
    let expected = server_expected_m1(&params, &verifier, &b, &wrong.a, &srp_b).unwrap();
    assert_ne!(expected, wrong.m1);

    assert!(server_expected_m1(&params, &verifier, &b, &[0], &srp_b).is_err());
    assert!(server_expected_m1(&params, &verifier, &b, &TELEGRAM_DH_PRIME, &srp_b).is_err());
}
