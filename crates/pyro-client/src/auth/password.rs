//! The 2FA answer: from the server's `account.password` and the user's password to the
//! `inputCheckPasswordSRP` of `auth.checkPassword` (core.telegram.org/api/srp). The maths is
//! pyro-mtproto-crypto's `srp`; this module checks the server's parameters and picks the
//! algorithm. And [`LoginProblem`]: why a login step cannot go on when the server did not say so
//! with an RPC error (those stay [`Error::Rpc`](crate::Error::Rpc) and friends).

use pyro_mtproto_crypto::CryptoError;
use pyro_mtproto_crypto::dh::check_dh_params;
use pyro_mtproto_crypto::srp::{SrpParams, check_password};
use pyro_tl_types::api::{enums, types};

/// Why a login step cannot go on (the detail of [`Error::Login`](crate::Error::Login)).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LoginProblem {
    /// A password was checked, but the account has none (or the server sent no SRP round).
    #[error("the account has no 2FA password to check")]
    NoPassword,
    /// The account's 2FA password uses an algorithm this version of pyro does not know; the
    /// official apps ask to update in this case.
    #[error("the account's 2FA password uses an algorithm this version of pyro does not know")]
    UnknownPasswordAlgorithm,
    /// The server's 2FA parameters (`p`, `g`, `srp_B`) fail a safety check.
    #[error("the server's 2FA parameters fail a check: {0}")]
    PasswordParams(CryptoError),
    /// Telegram asks for a payment before it sends a login code to this number
    /// (`auth.sentCodePaymentRequired`), which pyro cannot make.
    #[error("Telegram asks for a payment before sending a login code to this number")]
    PaymentRequired,
    /// The server answered a login step with something the step does not expect.
    #[error("unexpected answer to {0}")]
    UnexpectedAnswer(&'static str),
}

/// `inputCheckPasswordSRP` for `password` against the server's round in `account`; `a` is 256
/// random bytes (the client's secret exponent).
pub(crate) fn srp_answer(
    account: &types::account::Password,
    password: &[u8],
    a: &[u8; 256],
) -> Result<enums::InputCheckPasswordSrp, LoginProblem> {
    let algo = match &account.current_algo {
        Some(enums::PasswordKdfAlgo::Sha256Sha256Pbkdf2Hmacsha512iter100000Sha256ModPow(algo)) => {
            algo
        }
        Some(enums::PasswordKdfAlgo::Unknown) => {
            return Err(LoginProblem::UnknownPasswordAlgorithm);
        }
        None => return Err(LoginProblem::NoPassword),
    };
    let (Some(srp_b), Some(srp_id)) = (account.srp_b.as_deref(), account.srp_id) else {
        return Err(LoginProblem::NoPassword);
    };
    let g = u32::try_from(algo.g).map_err(|_| {
        LoginProblem::PasswordParams(CryptoError::UnsafeDhParams("2FA g is negative"))
    })?;
    check_dh_params(&algo.p, g).map_err(LoginProblem::PasswordParams)?;
    let params = SrpParams {
        salt1: &algo.salt1,
        salt2: &algo.salt2,
        g,
        p: &algo.p,
    };
    let check = check_password(password, &params, srp_b, srp_id, a)
        .map_err(LoginProblem::PasswordParams)?;
    Ok(enums::InputCheckPasswordSrp::InputCheckPasswordSrp(
        Box::new(types::InputCheckPasswordSrp {
            srp_id: check.srp_id,
            a: check.a.to_vec(),
            m1: check.m1.to_vec(),
        }),
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use pyro_mtproto_crypto::dh::TELEGRAM_DH_PRIME;

    fn hex(s: &str) -> Vec<u8> {
        let s: String = s.split_whitespace().collect();
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    fn account(salt1: Vec<u8>, salt2: Vec<u8>, srp_b: Vec<u8>) -> types::account::Password {
        let algo = types::PasswordKdfAlgoSha256Sha256Pbkdf2Hmacsha512iter100000Sha256ModPow {
            salt1,
            salt2,
            g: 3,
            p: TELEGRAM_DH_PRIME.to_vec(),
        };
        types::account::Password {
            has_password: true,
            current_algo: Some(
                enums::PasswordKdfAlgo::Sha256Sha256Pbkdf2Hmacsha512iter100000Sha256ModPow(
                    Box::new(algo),
                ),
            ),
            srp_b: Some(srp_b),
            srp_id: Some(77),
            ..Default::default()
        }
    }

    /// Vector D3 of shared/vectors/VECTORS.md (gotd crypto/srp/srp_test.go TestSRP): password
    /// '123123', a = 1, Telegram's prime, g = 3.
    #[test]
    fn answers_vector_d3() {
        let salt1 =
            hex("4d11fb6bec38f9d2546bb0f61e4f1c99a1bc0db8f0d5f35b1291b37b213123d7ed48f3c6794d495b");
        let salt2 = hex("a1b181aafe88188680ae32860d60bb01");
        let srp_b = hex(
            "9c52401a6a8084ec82f01c3725d3fb448bd2f0c909f9d97726eac4b7a74172d952f02466be6734fa274d2b7429e27397f10372d66b400b80a5c5ae3f28b17bf3
             105d7a2d2a885998cdc2defc208aec217ab58859a9abc2374ad93dc285f4b3fbcaff4143d7888f2425bd2fb711b25609ceb21757d935b1ef2f042173ad0ce2fe
             0e474dac53914bd25a8a9aed4aea8953d55cb88621db37b871ea0d04393ac0987f68094ccc9de8239251375d8fffd263316cd528c097b7bc9fb919fbedb76c52
             5df3413c374ee076d97a1e6d352bb7cc80fd13651b04b32e2e48c5268150842cfd07cf855958b1b5ea9c36fdad697fe3aec8dcc6b1efec36874af226204676cf",
        );
        let mut a = [0u8; 256];
        a[255] = 1;
        let answer = srp_answer(&account(salt1, salt2, srp_b), b"123123", &a).unwrap();
        let enums::InputCheckPasswordSrp::InputCheckPasswordSrp(answer) = answer else {
            panic!("expected inputCheckPasswordSRP");
        };
        assert_eq!(answer.srp_id, 77);
        assert_eq!(
            answer.m1,
            hex("999df906bda2c6cbb52f503406eba2d0d0503ace0cc302c38f13ee5010ad4051")
        );
        // A = g^1 = 3, padded to 256 bytes.
        assert_eq!(answer.a.len(), 256);
        assert_eq!(answer.a[255], 3);
    }

    #[test]
    fn refuses_what_it_cannot_check() {
        let a = [5u8; 256];
        let no_password = types::account::Password::default();
        assert_eq!(
            srp_answer(&no_password, b"x", &a),
            Err(LoginProblem::NoPassword)
        );
        let unknown = types::account::Password {
            current_algo: Some(enums::PasswordKdfAlgo::Unknown),
            ..Default::default()
        };
        assert_eq!(
            srp_answer(&unknown, b"x", &a),
            Err(LoginProblem::UnknownPasswordAlgorithm)
        );
        // A prime that is not 2048 bits.
        let mut small = account(vec![1], vec![2], vec![3]);
        if let Some(enums::PasswordKdfAlgo::Sha256Sha256Pbkdf2Hmacsha512iter100000Sha256ModPow(
            algo,
        )) = &mut small.current_algo
        {
            algo.p = vec![0x2f];
        }
        assert!(matches!(
            srp_answer(&small, b"x", &a),
            Err(LoginProblem::PasswordParams(_))
        ));
        // srp_B outside (0, p).
        let zero_b = account(vec![1], vec![2], vec![0; 256]);
        assert!(matches!(
            srp_answer(&zero_b, b"x", &a),
            Err(LoginProblem::PasswordParams(_))
        ));
    }
}
