; Left over from before example.com moved to another provider: named.conf no longer
; declares it, and nothing should check it as a zone this server serves.
$ORIGIN example.com.
$TTL 3600
@	IN	SOA	ns1.example.org. hostmaster.example.org. 2019010101 7200 1800 1209600 300
	IN	NS	ns1.example.org.
	IN	MX	10 mail.example.com.
mail	IN	CNAME	mx1.example.org.
