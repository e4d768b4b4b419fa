package store_test

import (
	"context"
	"testing"

	"github.com/redis/go-redis/v9"

	"spreekuurbot/internal/redistest"
)

// TestCluster runs the store's tests, unchanged, against a three-node
// Redis Cluster opened with store.Open(clusterURL): every script and
// transaction must keep its keys in one hash slot, and every read and
// write must find its node. The subtests share one cluster, flushed
// before each, since starting a cluster is the slow part.
func TestCluster(t *testing.T) {
	url := redistest.Cluster(t)
	opts, err := redis.ParseClusterURL(url)
	if err != nil {
		t.Fatal(err)
	}
	admin := redis.NewClusterClient(opts)
	t.Cleanup(func() { admin.Close() })
	fresh := func(t testing.TB) string {
		t.Helper()
		err := admin.ForEachMaster(context.Background(), func(ctx context.Context, node *redis.Client) error {
			return node.FlushAll(ctx).Err()
		})
		if err != nil {
			t.Fatalf("flush cluster: %v", err)
		}
		return url
	}
	for _, tt := range storeTests(fresh) {
		t.Run(tt.name, tt.run)
	}
}
