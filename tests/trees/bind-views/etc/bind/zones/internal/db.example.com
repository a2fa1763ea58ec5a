; example.com as the office sees it: the mail host on the private network.
$TTL 3600
@	IN	SOA	ns1.example.com. hostmaster.example.com. (
			2024061501	; serial
			3600		; refresh
			900		; retry
			1209600		; expire
			300 )		; negative caching
	IN	NS	ns1.example.com.

ns1	IN	A	10.0.0.53
mail	IN	A	10.0.0.25
www	IN	A	10.0.0.80
intranet IN	A	10.0.1.10

$INCLUDE ../common/mail.inc
