# Fixture sub-policy module: SHA-1 hashes and signatures allowed again.

hash = SHA1+

sign = ECDSA-SHA1+ RSA-PSS-SHA1+ RSA-SHA1+

sha1_in_certs = 1
