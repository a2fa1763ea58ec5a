; example.com as the Internet sees it.
$TTL 3600
@	IN	SOA	ns1.example.com. hostmaster.example.com. (
			2024061502	; serial
			3600		; refresh
			900		; retry
			1209600		; expire
			300 )		; negative caching
	IN	NS	ns1.example.com.
	IN	NS	ns2.example.net.
	IN	A	198.18.100.80

ns1	IN	A	198.18.100.53
mail	IN	A	198.18.100.25
	IN	AAAA	2001:db8:100::25
www	IN	CNAME	example.com.

$INCLUDE ../common/mail.inc
