package store

import (
	"slices"
	"strings"
	"testing"
)

// TestParseRedisURL: each REDIS_URL form picks its client, with the
// addresses, credentials and TLS the URL gives; URLs that worked before
// the cluster and sentinel forms keep their meaning.
func TestParseRedisURL(t *testing.T) {
	tests := []struct {
		name  string
		url   string
		kind  string // single, cluster or failover
		addrs []string
		user  string
		pass  string
		tls   bool
		db    int
		err   string
	}{
		{name: "single", url: "redis://localhost:6379/2", kind: "single", addrs: []string{"localhost:6379"}, db: 2},
		{name: "single with password", url: "redis://:pw@redis.internal:6380", kind: "single", addrs: []string{"redis.internal:6380"}, pass: "pw"},
		{name: "single tls", url: "rediss://u:pw@redis.internal", kind: "single", addrs: []string{"redis.internal:6379"}, user: "u", pass: "pw", tls: true},
		{name: "single unix socket", url: "unix:///run/redis/redis.sock?db=1", kind: "single", addrs: []string{"/run/redis/redis.sock"}, db: 1},
		{name: "single with options", url: "redis://localhost?dial_timeout=3&pool_size=20", kind: "single", addrs: []string{"localhost:6379"}},
		{name: "cluster by addr", url: "redis://n1:7000?addr=n2:7001&addr=n3:7002", kind: "cluster",
			addrs: []string{"n1:7000", "n2:7001", "n3:7002"}},
		{name: "cluster tls with password", url: "rediss://u:pw@n1:7000?addr=n2:7001", kind: "cluster",
			addrs: []string{"n1:7000", "n2:7001"}, user: "u", pass: "pw", tls: true},
		{name: "cluster by scheme, one seed", url: "redis+cluster://n1:7000", kind: "cluster", addrs: []string{"n1:7000"}},
		{name: "cluster by scheme, tls", url: "rediss+cluster://n1:7000?addr=n2:7000", kind: "cluster", addrs: []string{"n1:7000", "n2:7000"}, tls: true},
		{name: "sentinel by master_name", url: "redis://s1:26379?addr=s2:26379&master_name=mymaster", kind: "failover",
			addrs: []string{"s1:26379", "s2:26379"}},
		{name: "sentinel by scheme, master credentials", url: "redis+sentinel://su:spw@s1:26379/3?master_name=mymaster&username=mu&password=mpw", kind: "failover",
			addrs: []string{"s1:26379"}, user: "mu", pass: "mpw", db: 3},
		{name: "sentinel tls", url: "rediss+sentinel://s1?master_name=m", kind: "failover", addrs: []string{"s1:6379"}, tls: true},
		{name: "sentinel without master", url: "redis+sentinel://s1:26379", err: "master_name"},
		{name: "unknown topology", url: "redis+ring://a:1", err: "unknown scheme"},
		{name: "unknown option", url: "redis://localhost?pool=3", err: "pool"},
		{name: "unknown cluster option", url: "redis://n1:7000?addr=n2:7001&speed=9", err: "speed"},
		{name: "unix cluster", url: "unix:///tmp/a.sock?addr=b:1", err: "scheme"},
		{name: "not a url", url: "redis://%zz", err: "parse redis url"},
		{name: "http", url: "http://localhost:6379", err: "scheme"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := parseRedisURL(tt.url)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one that says %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var kind string
			var addrs []string
			var user, pass string
			var tls bool
			var db int
			switch {
			case cfg.single != nil:
				o := cfg.single
				kind, addrs, user, pass, tls, db = "single", []string{o.Addr}, o.Username, o.Password, o.TLSConfig != nil, o.DB
			case cfg.cluster != nil:
				o := cfg.cluster
				kind, addrs, user, pass, tls = "cluster", o.Addrs, o.Username, o.Password, o.TLSConfig != nil
			case cfg.failover != nil:
				o := cfg.failover
				kind, addrs, user, pass, tls, db = "failover", o.SentinelAddrs, o.Username, o.Password, o.TLSConfig != nil, o.DB
				if strings.Contains(tt.url, "su:spw") && (o.SentinelUsername != "su" || o.SentinelPassword != "spw") {
					t.Errorf("sentinel credentials %q %q, want su spw", o.SentinelUsername, o.SentinelPassword)
				}
			}
			if kind != tt.kind || !slices.Equal(addrs, tt.addrs) {
				t.Errorf("%s %v, want %s %v", kind, addrs, tt.kind, tt.addrs)
			}
			if user != tt.user || pass != tt.pass || tls != tt.tls || db != tt.db {
				t.Errorf("user %q pass %q tls %v db %d, want %q %q %v %d", user, pass, tls, db, tt.user, tt.pass, tt.tls, tt.db)
			}
		})
	}
}
