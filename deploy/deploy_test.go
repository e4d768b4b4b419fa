package deploy

// These tests check the deployment files without a container engine or a
// cluster: they parse the Kubernetes manifests, the compose file, the
// Dockerfile and the systemd unit, and hold them to what the binary
// expects (its port, its endpoints, its environment variables) and to the
// hardening the README promises.

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

var update = flag.Bool("update", false, "rewrite k8s/configmap.yaml from config.example.toml")

// The binary's contract, as cmd/spreekuurbot implements it.
const (
	port          = 8080
	healthPath    = "/healthz"
	readyPath     = "/readyz"
	configPath    = "/etc/spreekuurbot/config.toml"
	cmdDir        = "../cmd/spreekuurbot"
	configMapFile = "k8s/configmap.yaml"
	secretFile    = "k8s/secret.example.yaml"
)

// Variables the Go runtime reads, not the program; a deployment may set them.
var runtimeEnv = []string{"GOMEMLIMIT", "GOMAXPROCS", "GOGC", "GODEBUG"}

// ---------------------------------------------------------------- YAML ----

type meta struct {
	Name      string            `yaml:"name"`
	Namespace string            `yaml:"namespace"`
	Labels    map[string]string `yaml:"labels"`
}

// manifest is one Kubernetes object; body keeps the whole document for a
// second, kind-specific decode.
type manifest struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Metadata   meta   `yaml:"metadata"`
	file       string
	body       *yaml.Node
}

func (m manifest) String() string { return fmt.Sprintf("%s %s/%s", m.file, m.Kind, m.Metadata.Name) }

type selector struct {
	MatchLabels map[string]string `yaml:"matchLabels"`
}

type probe struct {
	HTTPGet *struct {
		Path string    `yaml:"path"`
		Port yaml.Node `yaml:"port"`
	} `yaml:"httpGet"`
	Exec *struct {
		Command []string `yaml:"command"`
	} `yaml:"exec"`
}

type envVar struct {
	Name      string `yaml:"name"`
	Value     string `yaml:"value"`
	ValueFrom *struct {
		SecretKeyRef *struct {
			Name string `yaml:"name"`
			Key  string `yaml:"key"`
		} `yaml:"secretKeyRef"`
	} `yaml:"valueFrom"`
}

type container struct {
	Name    string   `yaml:"name"`
	Image   string   `yaml:"image"`
	Command []string `yaml:"command"`
	Args    []string `yaml:"args"`
	Ports   []struct {
		Name          string `yaml:"name"`
		ContainerPort int    `yaml:"containerPort"`
	} `yaml:"ports"`
	Env          []envVar `yaml:"env"`
	VolumeMounts []struct {
		Name      string `yaml:"name"`
		MountPath string `yaml:"mountPath"`
		ReadOnly  bool   `yaml:"readOnly"`
	} `yaml:"volumeMounts"`
	StartupProbe   *probe `yaml:"startupProbe"`
	LivenessProbe  *probe `yaml:"livenessProbe"`
	ReadinessProbe *probe `yaml:"readinessProbe"`
	Resources      struct {
		Requests map[string]string `yaml:"requests"`
		Limits   map[string]string `yaml:"limits"`
	} `yaml:"resources"`
	SecurityContext securityContext `yaml:"securityContext"`
}

type securityContext struct {
	RunAsNonRoot             *bool  `yaml:"runAsNonRoot"`
	RunAsUser                *int64 `yaml:"runAsUser"`
	AllowPrivilegeEscalation *bool  `yaml:"allowPrivilegeEscalation"`
	ReadOnlyRootFilesystem   *bool  `yaml:"readOnlyRootFilesystem"`
	Capabilities             struct {
		Drop []string `yaml:"drop"`
	} `yaml:"capabilities"`
}

type podSpec struct {
	TerminationGracePeriodSeconds *int            `yaml:"terminationGracePeriodSeconds"`
	SecurityContext               securityContext `yaml:"securityContext"`
	Containers                    []container     `yaml:"containers"`
	Volumes                       []struct {
		Name      string `yaml:"name"`
		ConfigMap *struct {
			Name string `yaml:"name"`
		} `yaml:"configMap"`
		Secret *struct {
			SecretName string `yaml:"secretName"`
		} `yaml:"secret"`
	} `yaml:"volumes"`
}

// workload is a Deployment or a StatefulSet.
type workload struct {
	Spec struct {
		Replicas    *int     `yaml:"replicas"`
		ServiceName string   `yaml:"serviceName"`
		Selector    selector `yaml:"selector"`
		Template    struct {
			Metadata meta    `yaml:"metadata"`
			Spec     podSpec `yaml:"spec"`
		} `yaml:"template"`
		VolumeClaimTemplates []struct {
			Metadata meta `yaml:"metadata"`
		} `yaml:"volumeClaimTemplates"`
	} `yaml:"spec"`
}

type service struct {
	Spec struct {
		Selector map[string]string `yaml:"selector"`
		Ports    []servicePort     `yaml:"ports"`
	} `yaml:"spec"`
}

type servicePort struct {
	Name       string    `yaml:"name"`
	Port       int       `yaml:"port"`
	TargetPort yaml.Node `yaml:"targetPort"`
}

type ingress struct {
	Spec struct {
		TLS []struct {
			Hosts []string `yaml:"hosts"`
		} `yaml:"tls"`
		Rules []struct {
			Host string `yaml:"host"`
			HTTP struct {
				Paths []struct {
					Path    string `yaml:"path"`
					Backend struct {
						Service struct {
							Name string `yaml:"name"`
							Port struct {
								Name   string `yaml:"name"`
								Number int    `yaml:"number"`
							} `yaml:"port"`
						} `yaml:"service"`
					} `yaml:"backend"`
				} `yaml:"paths"`
			} `yaml:"http"`
		} `yaml:"rules"`
	} `yaml:"spec"`
}

// readYAML decodes every document of a (multi-document) YAML file.
func readYAML(t *testing.T, path string) []*yaml.Node {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []*yaml.Node
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return docs
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		docs = append(docs, &doc)
	}
}

func decode(t *testing.T, n *yaml.Node, into any, where fmt.Stringer) {
	t.Helper()
	if err := n.Decode(into); err != nil {
		t.Fatalf("%s: %v", where, err)
	}
}

// cluster is every object in deploy/k8s, the Secret template included.
type cluster []manifest

func loadCluster(t *testing.T) cluster {
	t.Helper()
	files, err := filepath.Glob("k8s/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no k8s/*.yaml (%v)", err)
	}
	var c cluster
	for _, f := range files {
		if filepath.Base(f) == "kustomization.yaml" {
			continue
		}
		for i, doc := range readYAML(t, f) {
			m := manifest{file: f, body: doc}
			decode(t, doc, &m, stringer(fmt.Sprintf("%s document %d", f, i+1)))
			if m.APIVersion == "" || m.Kind == "" || m.Metadata.Name == "" {
				t.Fatalf("%s document %d: apiVersion, kind and metadata.name are required", f, i+1)
			}
			c = append(c, m)
		}
	}
	return c
}

type stringer string

func (s stringer) String() string { return string(s) }

// get finds the one object of the kind and name.
func (c cluster) get(t *testing.T, kind, name string) manifest {
	t.Helper()
	for _, m := range c {
		if m.Kind == kind && m.Metadata.Name == name {
			return m
		}
	}
	t.Fatalf("no %s %q in deploy/k8s", kind, name)
	return manifest{}
}

func (c cluster) all(kind string) []manifest {
	var out []manifest
	for _, m := range c {
		if m.Kind == kind {
			out = append(out, m)
		}
	}
	return out
}

func (c cluster) workload(t *testing.T, kind, name string) workload {
	t.Helper()
	m := c.get(t, kind, name)
	var w workload
	decode(t, m.body, &w, m)
	return w
}

func (c cluster) configMapData(t *testing.T, name string) map[string]string {
	t.Helper()
	m := c.get(t, "ConfigMap", name)
	var cm struct {
		Data map[string]string `yaml:"data"`
	}
	decode(t, m.body, &cm, m)
	return cm.Data
}

// subset reports whether every label of sel is on labels: a selector with
// no labels matches nothing here, as it would match too much in a cluster.
func subset(sel, labels map[string]string) bool {
	if len(sel) == 0 {
		return false
	}
	for k, v := range sel {
		if labels[k] != v {
			return false
		}
	}
	return true
}

func envValue(c container, name string) (string, bool) {
	for _, e := range c.Env {
		if e.Name == name {
			return e.Value, true
		}
	}
	return "", false
}

// portOf resolves a probe's or Service's port, by number or by name.
func portOf(t *testing.T, n yaml.Node, c container) int {
	t.Helper()
	if p, err := strconv.Atoi(n.Value); err == nil {
		return p
	}
	for _, p := range c.Ports {
		if p.Name == n.Value {
			return p.ContainerPort
		}
	}
	t.Fatalf("port %q is not a port of container %s", n.Value, c.Name)
	return 0
}

func listenPort(t *testing.T, addr string) int {
	t.Helper()
	_, p, ok := strings.Cut(addr, ":")
	n, err := strconv.Atoi(p)
	if !ok || err != nil {
		t.Fatalf("LISTEN_ADDR %q has no port", addr)
	}
	return n
}

// ------------------------------------------------------- Kubernetes ----

func botDeployment(t *testing.T, c cluster) (workload, container) {
	t.Helper()
	w := c.workload(t, "Deployment", "spreekuurbot")
	if len(w.Spec.Template.Spec.Containers) != 1 {
		t.Fatalf("Deployment spreekuurbot: %d containers, want 1", len(w.Spec.Template.Spec.Containers))
	}
	return w, w.Spec.Template.Spec.Containers[0]
}

func TestKustomizationListsEveryManifest(t *testing.T) {
	var k struct {
		Namespace string   `yaml:"namespace"`
		Resources []string `yaml:"resources"`
	}
	docs := readYAML(t, "k8s/kustomization.yaml")
	decode(t, docs[0], &k, stringer("k8s/kustomization.yaml"))
	files, _ := filepath.Glob("k8s/*.yaml")
	for _, f := range files {
		base := filepath.Base(f)
		listed := slices.Contains(k.Resources, base)
		switch base {
		case "kustomization.yaml":
		case filepath.Base(secretFile):
			if listed {
				t.Errorf("kustomization.yaml applies %s: its placeholders would replace the real Secret", base)
			}
		default:
			if !listed {
				t.Errorf("%s is not in kustomization.yaml's resources: kubectl apply -k would leave it out", base)
			}
		}
	}
	for _, r := range k.Resources {
		if _, err := os.Stat(filepath.Join("k8s", r)); err != nil {
			t.Errorf("kustomization.yaml lists %s: %v", r, err)
		}
	}
	if k.Namespace == "" {
		t.Error("kustomization.yaml sets no namespace")
	}
}

func TestBotDeploymentRunsWebhookModeWithTwoReplicas(t *testing.T) {
	c := loadCluster(t)
	w, bot := botDeployment(t, c)
	if w.Spec.Replicas == nil || *w.Spec.Replicas != 2 {
		t.Errorf("replicas = %v, want 2", w.Spec.Replicas)
	}
	if !subset(w.Spec.Selector.MatchLabels, w.Spec.Template.Metadata.Labels) {
		t.Errorf("selector %v does not match the pod labels %v", w.Spec.Selector.MatchLabels, w.Spec.Template.Metadata.Labels)
	}
	if !slices.Equal(bot.Args, []string{"run"}) {
		t.Errorf("args %v, want [run]", bot.Args)
	}
	hook, ok := envValue(bot, "WEBHOOK_URL")
	u, err := url.Parse(hook)
	if !ok || err != nil || u.Scheme != "https" || u.Host == "" || u.Path == "" {
		t.Errorf("WEBHOOK_URL = %q: with two replicas the bot must take updates by webhook, at an https URL with a path", hook)
	}
	listen, ok := envValue(bot, "LISTEN_ADDR")
	if !ok {
		listen = fmt.Sprintf(":%d", port)
	}
	if len(bot.Ports) != 1 || bot.Ports[0].ContainerPort != listenPort(t, listen) {
		t.Errorf("container ports %v, want the one LISTEN_ADDR %q opens", bot.Ports, listen)
	}
	if g := w.Spec.Template.Spec.TerminationGracePeriodSeconds; g == nil || *g < 15 {
		t.Errorf("terminationGracePeriodSeconds = %v, want at least 15: the bot takes up to 10 s to finish after SIGTERM", g)
	}
}

func TestBotProbes(t *testing.T) {
	c := loadCluster(t)
	_, bot := botDeployment(t, c)
	listen, ok := envValue(bot, "LISTEN_ADDR")
	if !ok {
		listen = fmt.Sprintf(":%d", port)
	}
	for _, tc := range []struct {
		name  string
		probe *probe
		path  string
	}{
		{"readinessProbe", bot.ReadinessProbe, readyPath},
		{"livenessProbe", bot.LivenessProbe, healthPath},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.probe == nil || tc.probe.HTTPGet == nil {
				t.Fatalf("no httpGet %s", tc.name)
			}
			if tc.probe.HTTPGet.Path != tc.path {
				t.Errorf("path %q, want %q", tc.probe.HTTPGet.Path, tc.path)
			}
			if p := portOf(t, tc.probe.HTTPGet.Port, bot); p != listenPort(t, listen) {
				t.Errorf("port %d, want %d (LISTEN_ADDR %q)", p, listenPort(t, listen), listen)
			}
		})
	}
}

func TestSelectorsFindThePods(t *testing.T) {
	c := loadCluster(t)
	pods := map[string]map[string]string{} // workload -> pod labels
	for _, kind := range []string{"Deployment", "StatefulSet"} {
		for _, m := range c.all(kind) {
			pods[m.String()] = c.workload(t, kind, m.Metadata.Name).Spec.Template.Metadata.Labels
		}
	}
	matching := func(sel map[string]string) []string {
		var out []string
		for name, labels := range pods {
			if subset(sel, labels) {
				out = append(out, name)
			}
		}
		return out
	}
	for _, m := range c.all("PodDisruptionBudget") {
		var pdb struct {
			Spec struct {
				MinAvailable yaml.Node `yaml:"minAvailable"`
				Selector     selector  `yaml:"selector"`
			} `yaml:"spec"`
		}
		decode(t, m.body, &pdb, m)
		if pdb.Spec.MinAvailable.Value != "1" {
			t.Errorf("%s: minAvailable %q, want 1", m, pdb.Spec.MinAvailable.Value)
		}
		if got := matching(pdb.Spec.Selector.MatchLabels); len(got) != 1 {
			t.Errorf("%s: selector %v matches %v, want one workload", m, pdb.Spec.Selector.MatchLabels, got)
		}
	}
	if len(c.all("PodDisruptionBudget")) == 0 {
		t.Error("no PodDisruptionBudget")
	}
	for _, m := range c.all("Service") {
		var s service
		decode(t, m.body, &s, m)
		if got := matching(s.Spec.Selector); len(got) != 1 {
			t.Errorf("%s: selector %v matches %v, want one workload", m, s.Spec.Selector, got)
		}
	}
	for _, m := range c.all("NetworkPolicy") {
		var np struct {
			Spec struct {
				PodSelector selector `yaml:"podSelector"`
				Ingress     []struct {
					From []struct {
						PodSelector *selector `yaml:"podSelector"`
					} `yaml:"from"`
				} `yaml:"ingress"`
			} `yaml:"spec"`
		}
		decode(t, m.body, &np, m)
		if got := matching(np.Spec.PodSelector.MatchLabels); len(got) != 1 {
			t.Errorf("%s: podSelector matches %v, want one workload", m, got)
		}
		for _, in := range np.Spec.Ingress {
			for _, from := range in.From {
				if from.PodSelector != nil && len(matching(from.PodSelector.MatchLabels)) != 1 {
					t.Errorf("%s: allows traffic from %v, which matches no workload", m, from.PodSelector.MatchLabels)
				}
			}
		}
	}
}

func TestBotServiceAndIngressReachTheWebhook(t *testing.T) {
	c := loadCluster(t)
	w, bot := botDeployment(t, c)
	svcManifest := c.get(t, "Service", "spreekuurbot")
	var svc service
	decode(t, svcManifest.body, &svc, svcManifest)
	if !subset(svc.Spec.Selector, w.Spec.Template.Metadata.Labels) {
		t.Errorf("Service spreekuurbot selects %v, not the bot's pods %v", svc.Spec.Selector, w.Spec.Template.Metadata.Labels)
	}
	ports := map[string]bool{}
	for _, p := range svc.Spec.Ports {
		if portOf(t, p.TargetPort, bot) != port {
			t.Errorf("Service spreekuurbot port %s targets %q, not the bot's port %d", p.Name, p.TargetPort.Value, port)
		}
		ports[p.Name] = true
	}

	hook, _ := envValue(bot, "WEBHOOK_URL")
	u, err := url.Parse(hook)
	if err != nil {
		t.Fatal(err)
	}
	m := c.get(t, "Ingress", "spreekuurbot")
	var ing ingress
	decode(t, m.body, &ing, m)
	routed := false
	for _, r := range ing.Spec.Rules {
		for _, p := range r.HTTP.Paths {
			b := p.Backend.Service
			if b.Name != "spreekuurbot" || !(ports[b.Port.Name] || b.Port.Number != 0) {
				t.Errorf("%s: path %s goes to %s port %v, not to the bot's Service", m, p.Path, b.Name, b.Port)
			}
			switch p.Path {
			case u.Path:
				routed = r.Host == u.Host
			case healthPath, readyPath, "/metrics", "/":
				t.Errorf("%s: makes %s public; only the webhook path should be", m, p.Path)
			}
		}
	}
	if !routed {
		t.Errorf("%s routes no rule to host %s path %s (WEBHOOK_URL)", m, u.Host, u.Path)
	}
	if len(ing.Spec.TLS) == 0 || !slices.Contains(ing.Spec.TLS[0].Hosts, u.Host) {
		t.Errorf("%s: no TLS for %s; Telegram posts only over https", m, u.Host)
	}
}

func TestBotReachesRedis(t *testing.T) {
	c := loadCluster(t)
	_, bot := botDeployment(t, c)
	raw, _ := envValue(bot, "REDIS_URL")
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "redis" {
		t.Fatalf("REDIS_URL = %q, want redis://<service>:6379/<db>", raw)
	}
	m := c.get(t, "Service", u.Hostname())
	var svc service
	decode(t, m.body, &svc, m)
	sts := c.workload(t, "StatefulSet", "spreekuurbot-redis")
	if !subset(svc.Spec.Selector, sts.Spec.Template.Metadata.Labels) {
		t.Errorf("REDIS_URL names %s, which does not select the Redis StatefulSet", m)
	}
	if sts.Spec.ServiceName != u.Hostname() {
		t.Errorf("StatefulSet serviceName %q, want %q (REDIS_URL)", sts.Spec.ServiceName, u.Hostname())
	}
	if !slices.ContainsFunc(svc.Spec.Ports, func(p servicePort) bool { return strconv.Itoa(p.Port) == u.Port() }) {
		t.Errorf("%s has no port %s (REDIS_URL)", m, u.Port())
	}
}

func TestSecretKeysExist(t *testing.T) {
	c := loadCluster(t)
	secrets := map[string]map[string]string{}
	for _, m := range c.all("Secret") {
		var s struct {
			StringData map[string]string `yaml:"stringData"`
		}
		decode(t, m.body, &s, m)
		secrets[m.Metadata.Name] = s.StringData
		for k, v := range s.StringData {
			if !strings.Contains(v, "REPLACE-ME") {
				t.Errorf("%s: %s is not an obvious placeholder; never commit a real secret", m, k)
			}
		}
	}
	refs := 0
	for _, kind := range []string{"Deployment", "StatefulSet"} {
		for _, m := range c.all(kind) {
			for _, ctr := range c.workload(t, kind, m.Metadata.Name).Spec.Template.Spec.Containers {
				for _, e := range ctr.Env {
					if e.ValueFrom == nil || e.ValueFrom.SecretKeyRef == nil {
						continue
					}
					refs++
					ref := e.ValueFrom.SecretKeyRef
					keys, ok := secrets[ref.Name]
					if !ok {
						t.Errorf("%s: %s comes from Secret %q, which %s does not define", m, e.Name, ref.Name, secretFile)
						continue
					}
					if _, ok := keys[ref.Key]; !ok {
						t.Errorf("%s: %s comes from key %q of Secret %q, which has no such key", m, e.Name, ref.Key, ref.Name)
					}
				}
			}
		}
	}
	_, bot := botDeployment(t, c)
	for _, name := range []string{"TELEGRAM_BOT_TOKEN", "WEBHOOK_SECRET"} {
		i := slices.IndexFunc(bot.Env, func(e envVar) bool { return e.Name == name })
		if i < 0 || bot.Env[i].ValueFrom == nil || bot.Env[i].ValueFrom.SecretKeyRef == nil {
			t.Errorf("%s is not taken from a Secret", name)
		}
	}
	if refs == 0 {
		t.Error("no container takes anything from a Secret")
	}
}

func TestPodsAreHardened(t *testing.T) {
	c := loadCluster(t)
	for _, kind := range []string{"Deployment", "StatefulSet"} {
		for _, m := range c.all(kind) {
			spec := c.workload(t, kind, m.Metadata.Name).Spec.Template.Spec
			for _, ctr := range spec.Containers {
				where := m.String() + " container " + ctr.Name
				nonRoot := ctr.SecurityContext.RunAsNonRoot
				if nonRoot == nil {
					nonRoot = spec.SecurityContext.RunAsNonRoot
				}
				if nonRoot == nil || !*nonRoot {
					t.Errorf("%s: runAsNonRoot is not true", where)
				}
				if u := spec.SecurityContext.RunAsUser; u != nil && *u == 0 {
					t.Errorf("%s: runs as user 0", where)
				}
				sc := ctr.SecurityContext
				if sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
					t.Errorf("%s: readOnlyRootFilesystem is not true", where)
				}
				if sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
					t.Errorf("%s: allowPrivilegeEscalation is not false", where)
				}
				if !slices.Equal(sc.Capabilities.Drop, []string{"ALL"}) {
					t.Errorf("%s: capabilities.drop = %v, want [ALL]", where, sc.Capabilities.Drop)
				}
				for _, res := range []string{"cpu", "memory"} {
					if ctr.Resources.Requests[res] == "" || ctr.Resources.Limits[res] == "" {
						t.Errorf("%s: no %s request and limit", where, res)
					}
				}
			}
		}
	}
}

func TestBotConfigIsMounted(t *testing.T) {
	c := loadCluster(t)
	w, bot := botDeployment(t, c)
	path, ok := envValue(bot, "SPREEKUUR_CONFIG")
	if !ok {
		t.Fatal("SPREEKUUR_CONFIG is not set: the bot would run the built-in example")
	}
	mounted := false
	for _, vm := range bot.VolumeMounts {
		if !strings.HasPrefix(path, vm.MountPath+"/") {
			continue
		}
		if !vm.ReadOnly {
			t.Errorf("volume %s is mounted read-write", vm.Name)
		}
		for _, v := range w.Spec.Template.Spec.Volumes {
			if v.Name != vm.Name || v.ConfigMap == nil {
				continue
			}
			key := strings.TrimPrefix(path, vm.MountPath+"/")
			if _, ok := c.configMapData(t, v.ConfigMap.Name)[key]; ok {
				mounted = true
			} else {
				t.Errorf("ConfigMap %s has no key %s", v.ConfigMap.Name, key)
			}
		}
	}
	if !mounted {
		t.Errorf("SPREEKUUR_CONFIG=%s is not a key of a ConfigMap mounted in the bot's container", path)
	}
}

// TestConfigMapIsTheExample keeps k8s/configmap.yaml equal to
// config.example.toml; `go test ./deploy -run ConfigMap -update` rewrites
// it after a change to the example.
func TestConfigMapIsTheExample(t *testing.T) {
	if *update {
		if err := os.WriteFile(configMapFile, configMapYAML(ExampleConfig), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := loadCluster(t)
	got := c.configMapData(t, "spreekuurbot-config")["config.toml"]
	if got != string(ExampleConfig) {
		t.Errorf("%s differs from config.example.toml; run: go test ./deploy -run ConfigMap -update", configMapFile)
	}
}

func configMapYAML(toml []byte) []byte {
	var b bytes.Buffer
	b.WriteString("# Made from deploy/config.example.toml by\n")
	b.WriteString("#   go test ./deploy -run ConfigMap -update\n")
	b.WriteString("# Put your own configuration here. The bot reads it at start:\n")
	b.WriteString("# after a change, kubectl -n spreekuurbot rollout restart deployment/spreekuurbot\n")
	b.WriteString("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: spreekuurbot-config\n")
	b.WriteString("  labels:\n    app.kubernetes.io/name: spreekuurbot\n    app.kubernetes.io/component: bot\n")
	b.WriteString("data:\n  config.toml: |\n")
	for _, line := range strings.SplitAfter(strings.TrimRight(string(toml), "\n"), "\n") {
		if strings.TrimSpace(line) != "" {
			b.WriteString("    ")
		}
		b.WriteString(strings.TrimRight(line, " \t\n") + "\n")
	}
	return b.Bytes()
}

// ---------------------------------------------------------- compose ----

type composeFile struct {
	Services map[string]composeService `yaml:"services"`
	Volumes  map[string]any            `yaml:"volumes"`
}

type composeService struct {
	Image       string      `yaml:"image"`
	Command     []string    `yaml:"command"`
	User        string      `yaml:"user"`
	EnvFile     yaml.Node   `yaml:"env_file"`
	Environment yaml.Node   `yaml:"environment"`
	RawVolumes  []yaml.Node `yaml:"volumes"`
	Ports       []string    `yaml:"ports"`
	DependsOn   map[string]struct {
		Condition string `yaml:"condition"`
	} `yaml:"depends_on"`
	Healthcheck *struct {
		Test []string `yaml:"test"`
	} `yaml:"healthcheck"`
	StopGracePeriod string   `yaml:"stop_grace_period"`
	ReadOnly        bool     `yaml:"read_only"`
	CapDrop         []string `yaml:"cap_drop"`
	Deploy          *struct {
		Replicas int `yaml:"replicas"`
	} `yaml:"deploy"`
}

type mount struct {
	Source, Target string
	ReadOnly       bool
}

// mounts reads both the short ("src:dst:ro") and the long volume syntax.
func (s composeService) mounts(t *testing.T) []mount {
	t.Helper()
	var out []mount
	for _, n := range s.RawVolumes {
		if n.Kind == yaml.ScalarNode {
			parts := strings.Split(n.Value, ":")
			m := mount{Source: parts[0], Target: parts[len(parts)-1]}
			if len(parts) == 3 {
				m.Target, m.ReadOnly = parts[1], parts[2] == "ro"
			}
			out = append(out, m)
			continue
		}
		var long struct {
			Source   string `yaml:"source"`
			Target   string `yaml:"target"`
			ReadOnly bool   `yaml:"read_only"`
		}
		if err := n.Decode(&long); err != nil {
			t.Fatal(err)
		}
		out = append(out, mount(long))
	}
	return out
}

// env reads environment: as a map or as a list of NAME=value.
func (s composeService) env(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	switch s.Environment.Kind {
	case 0:
	case yaml.MappingNode:
		if err := s.Environment.Decode(&out); err != nil {
			t.Fatal(err)
		}
	default:
		var list []string
		if err := s.Environment.Decode(&list); err != nil {
			t.Fatal(err)
		}
		for _, kv := range list {
			k, v, _ := strings.Cut(kv, "=")
			out[k] = v
		}
	}
	return out
}

func loadCompose(t *testing.T) composeFile {
	t.Helper()
	docs := readYAML(t, "docker-compose.yml")
	if len(docs) != 1 {
		t.Fatalf("docker-compose.yml: %d documents, want 1", len(docs))
	}
	var f composeFile
	decode(t, docs[0], &f, stringer("docker-compose.yml"))
	return f
}

func TestCompose(t *testing.T) {
	f := loadCompose(t)
	bot, ok := f.Services["bot"]
	if !ok {
		t.Fatal("no service bot")
	}
	redis, ok := f.Services["redis"]
	if !ok {
		t.Fatal("no service redis")
	}
	env := bot.env(t)

	t.Run("one poller", func(t *testing.T) {
		if bot.Deploy != nil && bot.Deploy.Replicas > 1 {
			t.Errorf("deploy.replicas = %d: long polling allows one bot", bot.Deploy.Replicas)
		}
	})
	t.Run("secrets from the env file", func(t *testing.T) {
		if bot.EnvFile.Value != ".env" && !strings.Contains(nodeText(t, bot.EnvFile), ".env") {
			t.Errorf("env_file does not name .env")
		}
		for _, secret := range []string{"TELEGRAM_BOT_TOKEN", "WEBHOOK_SECRET"} {
			if _, ok := env[secret]; ok {
				t.Errorf("%s is written in docker-compose.yml; it belongs in .env", secret)
			}
		}
	})
	t.Run("redis", func(t *testing.T) {
		u, err := url.Parse(env["REDIS_URL"])
		if err != nil || u.Scheme != "redis" || u.Hostname() != "redis" {
			t.Errorf("REDIS_URL = %q, want redis://redis:6379/...", env["REDIS_URL"])
		}
		if c, ok := bot.DependsOn["redis"]; !ok || c.Condition != "service_healthy" {
			t.Errorf("bot does not wait for a healthy redis: %+v", bot.DependsOn)
		}
		if redis.Healthcheck == nil || !slices.Contains(redis.Healthcheck.Test, "ping") {
			t.Error("redis has no redis-cli ping health check")
		}
		data := false
		for _, m := range redis.mounts(t) {
			if m.Target == "/data" {
				_, data = f.Volumes[m.Source]
			}
		}
		if !data {
			t.Error("redis's /data is not a named volume: the data would go with the container")
		}
	})
	t.Run("config mounted read-only", func(t *testing.T) {
		path := env["SPREEKUUR_CONFIG"]
		if path == "" {
			t.Fatal("SPREEKUUR_CONFIG is not set")
		}
		i := slices.IndexFunc(bot.mounts(t), func(m mount) bool { return m.Target == path })
		if i < 0 {
			t.Fatalf("nothing is mounted at SPREEKUUR_CONFIG=%s", path)
		}
		if !bot.mounts(t)[i].ReadOnly {
			t.Errorf("%s is mounted read-write", path)
		}
	})
	t.Run("port", func(t *testing.T) {
		want := fmt.Sprintf(":%d", port)
		if l := env["LISTEN_ADDR"]; l != "" {
			want = fmt.Sprintf(":%d", listenPort(t, l))
		}
		if len(bot.Ports) != 1 || !strings.HasPrefix(bot.Ports[0], "127.0.0.1:") || !strings.HasSuffix(bot.Ports[0], want) {
			t.Errorf("ports %v, want the bot's %s published on 127.0.0.1 only (/metrics is not public)", bot.Ports, want)
		}
	})
	t.Run("hardening", func(t *testing.T) {
		if bot.User == "root" || bot.User == "0" || strings.HasPrefix(bot.User, "0:") {
			t.Errorf("bot runs as %s", bot.User)
		}
		if !bot.ReadOnly || !slices.Contains(bot.CapDrop, "ALL") {
			t.Error("bot: want read_only and cap_drop ALL")
		}
		d, err := time.ParseDuration(bot.StopGracePeriod)
		if err != nil || d < 15*time.Second {
			t.Errorf("stop_grace_period %q, want at least 15s", bot.StopGracePeriod)
		}
	})
}

func nodeText(t *testing.T, n yaml.Node) string {
	t.Helper()
	out, err := yaml.Marshal(&n)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestRedisPersistence holds both Redis set-ups to the same durability:
// an append-only file fsynced every second, and no eviction.
func TestRedisPersistence(t *testing.T) {
	compose := loadCompose(t).Services["redis"]
	c := loadCluster(t)
	sts := c.workload(t, "StatefulSet", "spreekuurbot-redis")
	if len(sts.Spec.VolumeClaimTemplates) == 0 {
		t.Error("the Redis StatefulSet claims no persistent volume")
	}
	for _, tc := range []struct {
		name string
		conf map[string]string
	}{
		{"docker-compose.yml", flagsConf(compose.Command)},
		{"k8s redis.conf", fileConf(c.configMapData(t, "spreekuurbot-redis")["redis.conf"])},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for key, want := range map[string]string{
				"appendonly":       "yes",
				"appendfsync":      "everysec",
				"maxmemory-policy": "noeviction",
			} {
				if got := tc.conf[key]; got != want {
					t.Errorf("%s = %q, want %q", key, got, want)
				}
			}
		})
	}
}

// flagsConf reads redis-server --key value arguments.
func flagsConf(args []string) map[string]string {
	out := map[string]string{}
	for i, a := range args {
		if k, ok := strings.CutPrefix(a, "--"); ok && i+1 < len(args) {
			out[k] = args[i+1]
		}
	}
	return out
}

// fileConf reads redis.conf lines "key value".
func fileConf(text string) map[string]string {
	out := map[string]string{}
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, _ := strings.Cut(line, " ")
		out[k] = strings.TrimSpace(v)
	}
	return out
}

// -------------------------------------------------------- Dockerfile ----

type instruction struct {
	line int
	op   string // upper case
	args string
}

// readDockerfile joins continued lines and drops comments.
func readDockerfile(t *testing.T, path string) []instruction {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []instruction
	var cur strings.Builder
	start := 0
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "#") || (line == "" && cur.Len() == 0) {
			continue
		}
		if cur.Len() == 0 {
			start = n
		}
		if body, ok := strings.CutSuffix(line, "\\"); ok {
			cur.WriteString(body + " ")
			continue
		}
		cur.WriteString(line)
		op, args, _ := strings.Cut(cur.String(), " ")
		out = append(out, instruction{line: start, op: strings.ToUpper(op), args: strings.TrimSpace(args)})
		cur.Reset()
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDockerfile(t *testing.T) {
	ins := readDockerfile(t, "Dockerfile")
	var stages [][]instruction
	for _, in := range ins {
		if in.op == "FROM" {
			stages = append(stages, nil)
		}
		if len(stages) == 0 {
			t.Fatalf("Dockerfile:%d: %s before the first FROM", in.line, in.op)
		}
		stages[len(stages)-1] = append(stages[len(stages)-1], in)
	}
	if len(stages) < 2 {
		t.Fatalf("%d stages, want a build stage and a small final one", len(stages))
	}
	final := stages[len(stages)-1]
	// A slim Debian base is allowed when the final stage installs what
	// the bot runs to read letters (package ocr).
	installsOCR := slices.ContainsFunc(final, func(in instruction) bool {
		return in.op == "RUN" && strings.Contains(in.args, "tesseract-ocr-nld") && strings.Contains(in.args, "poppler-utils")
	})
	if base := final[0].args; !strings.Contains(base, "distroless") && !strings.HasPrefix(base, "scratch") &&
		!(strings.Contains(base, "-slim") && installsOCR) {
		t.Errorf("final stage FROM %s: want distroless, scratch, or a slim base installing tesseract-ocr-nld and poppler-utils", base)
	}

	var user, builds string
	env := map[string]string{}
	var copies, exposes []string
	for _, in := range final {
		switch in.op {
		case "USER":
			user = in.args
		case "ENV":
			for k, v := range dockerEnv(in.args) {
				env[k] = v
			}
		case "COPY":
			copies = append(copies, in.args)
		case "EXPOSE":
			exposes = append(exposes, strings.Fields(in.args)...)
		}
	}
	for _, s := range stages[:len(stages)-1] {
		for _, in := range s {
			if in.op == "RUN" && strings.Contains(in.args, "go build") {
				builds = in.args
			}
		}
	}
	name, _, _ := strings.Cut(user, ":")
	if name == "" || name == "root" || name == "0" {
		t.Errorf("final stage USER %q: want a non-root user", user)
	}
	if !strings.Contains(builds, "CGO_ENABLED=0") || !strings.Contains(builds, "./cmd/spreekuurbot") {
		t.Errorf("build step %q: want CGO_ENABLED=0 go build ... ./cmd/spreekuurbot", builds)
	}
	if !slices.Contains(exposes, strconv.Itoa(port)) {
		t.Errorf("EXPOSE %v, want %d", exposes, port)
	}
	if env["SPREEKUUR_CONFIG"] != configPath {
		t.Errorf("ENV SPREEKUUR_CONFIG=%q, want %s", env["SPREEKUUR_CONFIG"], configPath)
	}
	if !slices.ContainsFunc(copies, func(c string) bool {
		return strings.HasSuffix(c, "deploy/config.example.toml "+configPath)
	}) {
		t.Errorf("the example configuration is not copied to %s", configPath)
	}
}

// dockerEnv reads ENV k=v k2="v 2" (the form without "=" names one key).
func dockerEnv(args string) map[string]string {
	out := map[string]string{}
	if !strings.Contains(strings.Fields(args)[0], "=") {
		k, v, _ := strings.Cut(args, " ")
		out[k] = strings.TrimSpace(v)
		return out
	}
	for _, kv := range strings.Fields(args) {
		k, v, _ := strings.Cut(kv, "=")
		out[k] = strings.Trim(v, `"`)
	}
	return out
}

// ----------------------------------------------------------- systemd ----

// readUnit reads a systemd unit: section -> key -> values in order.
func readUnit(t *testing.T, path string) map[string]map[string][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string][]string{}
	section := ""
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, ";"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			section = line[1 : len(line)-1]
			out[section] = map[string][]string{}
		default:
			k, v, ok := strings.Cut(line, "=")
			if !ok || section == "" || strings.HasSuffix(line, "\\") {
				t.Fatalf("%s:%d: not key=value in a section: %q", path, n+1, line)
			}
			k = strings.TrimSpace(k)
			out[section][k] = append(out[section][k], strings.TrimSpace(v))
		}
	}
	return out
}

func TestSystemdUnit(t *testing.T) {
	unit := readUnit(t, "spreekuurbot.service")
	for _, tc := range []struct {
		section, key string
		ok           func(values []string) bool
		want         string
	}{
		{"Unit", "After", has("redis-server.service"), "redis-server.service among them"},
		{"Unit", "Wants", has("redis-server.service"), "redis-server.service among them"},
		{"Service", "ExecStart", func(v []string) bool { return len(v) == 1 && strings.HasSuffix(v[0], "spreekuurbot run") }, "… spreekuurbot run"},
		{"Service", "EnvironmentFile", is("/etc/spreekuurbot/env"), "/etc/spreekuurbot/env"},
		{"Service", "Restart", is("on-failure"), "on-failure"},
		{"Service", "TimeoutStopSec", func(v []string) bool {
			s, err := strconv.Atoi(last(v))
			return err == nil && s >= 15
		}, "at least 15"},
		{"Service", "DynamicUser", is("yes"), "yes"},
		{"Service", "ProtectSystem", is("strict"), "strict"},
		{"Service", "ProtectHome", is("yes"), "yes"},
		{"Service", "NoNewPrivileges", is("yes"), "yes"},
		{"Service", "PrivateTmp", is("yes"), "yes"},
		{"Service", "PrivateDevices", is("yes"), "yes"},
		{"Service", "MemoryDenyWriteExecute", is("yes"), "yes"},
		{"Service", "CapabilityBoundingSet", is(""), "empty: no capabilities"},
		{"Service", "SystemCallFilter", func(v []string) bool { return len(v) > 0 && v[0] == "@system-service" }, "@system-service first"},
		{"Service", "RestrictAddressFamilies", func(v []string) bool {
			fams := strings.Fields(last(v))
			return slices.Contains(fams, "AF_INET") && !slices.ContainsFunc(fams, func(f string) bool {
				return !slices.Contains([]string{"AF_INET", "AF_INET6", "AF_UNIX"}, f)
			})
		}, "AF_INET, AF_INET6, AF_UNIX only"},
		{"Install", "WantedBy", has("multi-user.target"), "multi-user.target"},
	} {
		t.Run(tc.key, func(t *testing.T) {
			v, ok := unit[tc.section][tc.key]
			if !ok {
				t.Fatalf("[%s] has no %s=", tc.section, tc.key)
			}
			if !tc.ok(v) {
				t.Errorf("[%s] %s=%q, want %s", tc.section, tc.key, v, tc.want)
			}
		})
	}
}

func last(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[len(v)-1]
}

func is(want string) func([]string) bool {
	return func(v []string) bool { return len(v) > 0 && last(v) == want }
}

func has(want string) func([]string) bool {
	return func(v []string) bool {
		for _, s := range v {
			if slices.Contains(strings.Fields(s), want) {
				return true
			}
		}
		return false
	}
}

// ---------------------------------------------------- environment ----

// binaryEnv is every variable cmd/spreekuurbot reads with os.Getenv or
// os.LookupEnv.
func binaryEnv(t *testing.T) map[string]bool {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(cmdDir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files in %s", cmdDir)
	}
	re := regexp.MustCompile(`os\.(?:Getenv|LookupEnv)\("([A-Za-z0-9_]+)"\)`)
	out := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(data, -1) {
			out[string(m[1])] = true
		}
	}
	if !out["TELEGRAM_BOT_TOKEN"] {
		t.Fatalf("found no os.Getenv(\"TELEGRAM_BOT_TOKEN\") in %s: has the way it reads its environment changed?", cmdDir)
	}
	return out
}

// TestEnvNamesAreRead fails when a deployment file sets a variable the
// binary does not read: a renamed variable would otherwise be ignored in
// silence.
func TestEnvNamesAreRead(t *testing.T) {
	read := binaryEnv(t)
	set := map[string][]string{} // name -> where
	add := func(where string, names ...string) {
		for _, n := range names {
			set[n] = append(set[n], where)
		}
	}

	c := loadCluster(t)
	for _, kind := range []string{"Deployment", "StatefulSet"} {
		for _, m := range c.all(kind) {
			for _, ctr := range c.workload(t, kind, m.Metadata.Name).Spec.Template.Spec.Containers {
				if ctr.Name == "redis" {
					continue
				}
				for _, e := range ctr.Env {
					add(m.String(), e.Name)
				}
			}
		}
	}
	for k := range loadCompose(t).Services["bot"].env(t) {
		add("docker-compose.yml", k)
	}
	example, err := os.ReadFile(".env.example")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range envFileNames(string(example)) {
		add(".env.example", k)
	}
	for _, in := range readDockerfile(t, "Dockerfile") {
		if in.op == "ENV" {
			for k := range dockerEnv(in.args) {
				add("Dockerfile", k)
			}
		}
	}
	for _, v := range readUnit(t, "spreekuurbot.service")["Service"]["Environment"] {
		for _, kv := range strings.Fields(v) {
			k, _, _ := strings.Cut(strings.Trim(kv, `"`), "=")
			add("spreekuurbot.service", k)
		}
	}

	if len(set) == 0 {
		t.Fatal("found no environment variables in the deployment files")
	}
	for name, where := range set {
		if !read[name] && !slices.Contains(runtimeEnv, name) {
			t.Errorf("%v set %s, which %s never reads", where, name, cmdDir)
		}
	}
	for _, name := range []string{"TELEGRAM_BOT_TOKEN", "REDIS_URL", "SPREEKUUR_CONFIG"} {
		if _, ok := set[name]; !ok {
			t.Errorf("no deployment file sets %s", name)
		}
	}
}

// envFileNames lists the NAME of each NAME=value line.
func envFileNames(text string) []string {
	var out []string
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, _, _ := strings.Cut(line, "=")
		out = append(out, strings.TrimSpace(k))
	}
	return out
}
