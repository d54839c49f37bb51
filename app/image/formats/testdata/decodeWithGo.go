// Reads every document of goJsonCorpus.json with Go's encoding/json into the structs the
// loaders use, and writes what Go read to goJsonAnswers.json, for goReference.test.ts.
// Run by hand (never by tests), from the repository root, with Go 1.19 (standard library only):
//
//	go run app/image/formats/testdata/decodeWithGo.go
//
// Each document is read twice: with json.Unmarshal (containers/image, containerd) and with
// json.NewDecoder(…).Decode (docker load's manifest.json). OCI manifests and indexes that a
// descriptor leads to are also checked the way containers/image
// (manifest.ValidateUnambiguousManifestFormat) and containerd (images.validateMediaType)
// check their kind. The structs copy the loaders' own field names, tags and types.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"time"
)

// ---------- the loaders' structs ----------

// docker image/tarexport manifestItem; containers/image docker/internal/tarfile ManifestItem.
type manifestItem struct {
	Config       string
	RepoTags     []string
	Layers       []string
	Parent       string                `json:",omitempty"`
	LayerSources map[string]descriptor `json:",omitempty"`
}

// image-spec specs-go/v1 (v1.1) Platform, Descriptor, Manifest, Index, ImageLayout, Image.
type platform struct {
	Architecture string   `json:"architecture"`
	OS           string   `json:"os"`
	OSVersion    string   `json:"os.version,omitempty"`
	OSFeatures   []string `json:"os.features,omitempty"`
	Variant      string   `json:"variant,omitempty"`
}

type descriptor struct {
	MediaType    string            `json:"mediaType"`
	Digest       string            `json:"digest"`
	Size         int64             `json:"size"`
	URLs         []string          `json:"urls,omitempty"`
	Annotations  map[string]string `json:"annotations,omitempty"`
	Data         []byte            `json:"data,omitempty"`
	Platform     *platform         `json:"platform,omitempty"`
	ArtifactType string            `json:"artifactType,omitempty"`
}

type versioned struct {
	SchemaVersion int `json:"schemaVersion"`
}

type manifest struct {
	versioned
	MediaType    string            `json:"mediaType,omitempty"`
	ArtifactType string            `json:"artifactType,omitempty"`
	Config       descriptor        `json:"config"`
	Layers       []descriptor      `json:"layers"`
	Subject      *descriptor       `json:"subject,omitempty"`
	Annotations  map[string]string `json:"annotations,omitempty"`
}

type index struct {
	versioned
	MediaType    string            `json:"mediaType,omitempty"`
	ArtifactType string            `json:"artifactType,omitempty"`
	Manifests    []descriptor      `json:"manifests"`
	Subject      *descriptor       `json:"subject,omitempty"`
	Annotations  map[string]string `json:"annotations,omitempty"`
}

type imageLayout struct {
	Version string `json:"imageLayoutVersion"`
}

type imageConfig struct {
	User         string              `json:"User,omitempty"`
	ExposedPorts map[string]struct{} `json:"ExposedPorts,omitempty"`
	Env          []string            `json:"Env,omitempty"`
	Entrypoint   []string            `json:"Entrypoint,omitempty"`
	Cmd          []string            `json:"Cmd,omitempty"`
	Volumes      map[string]struct{} `json:"Volumes,omitempty"`
	WorkingDir   string              `json:"WorkingDir,omitempty"`
	Labels       map[string]string   `json:"Labels,omitempty"`
	StopSignal   string              `json:"StopSignal,omitempty"`
	ArgsEscaped  bool                `json:"ArgsEscaped,omitempty"`
}

type rootFS struct {
	Type    string   `json:"type"`
	DiffIDs []string `json:"diff_ids"`
}

type history struct {
	Created    *time.Time `json:"created,omitempty"`
	CreatedBy  string     `json:"created_by,omitempty"`
	Author     string     `json:"author,omitempty"`
	Comment    string     `json:"comment,omitempty"`
	EmptyLayer bool       `json:"empty_layer,omitempty"`
}

type image struct {
	Created  *time.Time  `json:"created,omitempty"`
	Author   string      `json:"author,omitempty"`
	platform             // architecture, os, os.version, os.features, variant
	Config   imageConfig `json:"config,omitempty"`
	RootFS   rootFS      `json:"rootfs"`
	History  []history   `json:"history,omitempty"`
}

// ---------- the loaders' kind checks ----------

const (
	ociManifest    = "application/vnd.oci.image.manifest.v1+json"
	ociIndex       = "application/vnd.oci.image.index.v1+json"
	dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
	dockerList     = "application/vnd.docker.distribution.manifest.list.v2+json"
)

// containers/image internal/manifest/common.go ValidateUnambiguousManifestFormat.
func containersImageKindCheck(blob []byte, expected string) error {
	detected := struct {
		Config    any `json:"config"`
		FSLayers  any `json:"fsLayers"`
		History   any `json:"history"`
		Layers    any `json:"layers"`
		Manifests any `json:"manifests"`
	}{}
	if err := json.Unmarshal(blob, &detected); err != nil {
		return err
	}
	allowConfigLayers := expected == ociManifest || expected == dockerManifest
	unexpected := []string{}
	if detected.Config != nil && !allowConfigLayers {
		unexpected = append(unexpected, "config")
	}
	if detected.FSLayers != nil {
		unexpected = append(unexpected, "fsLayers")
	}
	if detected.History != nil {
		unexpected = append(unexpected, "history")
	}
	if detected.Layers != nil && !allowConfigLayers {
		unexpected = append(unexpected, "layers")
	}
	if detected.Manifests != nil && allowConfigLayers {
		unexpected = append(unexpected, "manifests")
	}
	if len(unexpected) != 0 {
		return fmt.Errorf("rejecting ambiguous manifest, unexpected fields %#v in supposedly %s", unexpected, expected)
	}
	return nil
}

// containerd images/image.go validateMediaType.
func containerdKindCheck(blob []byte, mt string) error {
	var doc struct {
		MediaType string          `json:"mediaType,omitempty"`
		Config    json.RawMessage `json:"config,omitempty"`
		Layers    json.RawMessage `json:"layers,omitempty"`
		Manifests json.RawMessage `json:"manifests,omitempty"`
		FSLayers  json.RawMessage `json:"fsLayers,omitempty"`
	}
	if err := json.Unmarshal(blob, &doc); err != nil {
		return err
	}
	if len(doc.FSLayers) != 0 {
		return fmt.Errorf("media-type: schema 1 not supported")
	}
	switch mt {
	case dockerManifest, ociManifest:
		if len(doc.Manifests) != 0 || doc.MediaType == dockerList || doc.MediaType == ociIndex {
			return fmt.Errorf("media-type: expected manifest but found index (%s)", mt)
		}
	case dockerList, ociIndex:
		if len(doc.Config) != 0 || len(doc.Layers) != 0 || doc.MediaType == dockerManifest || doc.MediaType == ociManifest {
			return fmt.Errorf("media-type: expected index but found manifest (%s)", mt)
		}
	}
	return nil
}

// ---------- what was read, in the engine's terms ----------

type readDescriptor struct {
	MediaType   string            `json:"mediaType"`
	Digest      string            `json:"digest"`
	Size        int64             `json:"size"`
	URLs        []string          `json:"urls"`
	Annotations map[string]string `json:"annotations"`
	Platform    *readPlatform     `json:"platform"`
}

type readPlatform struct {
	OS           string `json:"os"`
	Architecture string `json:"architecture"`
	Variant      string `json:"variant"`
	OSVersion    string `json:"osVersion"`
}

func readPlatformOf(p platform) readPlatform {
	return readPlatform{OS: p.OS, Architecture: p.Architecture, Variant: p.Variant, OSVersion: p.OSVersion}
}

func readDescriptorOf(d descriptor) readDescriptor {
	read := readDescriptor{MediaType: d.MediaType, Digest: d.Digest, Size: d.Size, URLs: d.URLs, Annotations: d.Annotations}
	if read.URLs == nil {
		read.URLs = []string{}
	}
	if read.Annotations == nil {
		read.Annotations = map[string]string{}
	}
	if d.Platform != nil {
		p := readPlatformOf(*d.Platform)
		read.Platform = &p
	}
	return read
}

func readDescriptors(ds []descriptor) []readDescriptor {
	read := []readDescriptor{}
	for _, d := range ds {
		read = append(read, readDescriptorOf(d))
	}
	return read
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// decode reads blob with decodeInto (Unmarshal or a Decoder) into the reader's struct and
// returns what the engine would compare.
func decode(reader string, decodeInto func(any) error) (any, error) {
	switch reader {
	case "docker-manifest":
		var items []manifestItem
		if err := decodeInto(&items); err != nil {
			return nil, err
		}
		read := []map[string]any{}
		for _, item := range items {
			read = append(read, map[string]any{"config": item.Config, "repoTags": orEmpty(item.RepoTags), "layers": orEmpty(item.Layers)})
		}
		return read, nil
	case "oci-index":
		var doc index
		if err := decodeInto(&doc); err != nil {
			return nil, err
		}
		return map[string]any{"schemaVersion": doc.SchemaVersion, "mediaType": doc.MediaType, "manifests": readDescriptors(doc.Manifests)}, nil
	case "oci-manifest":
		var doc manifest
		if err := decodeInto(&doc); err != nil {
			return nil, err
		}
		return map[string]any{"schemaVersion": doc.SchemaVersion, "mediaType": doc.MediaType, "config": readDescriptorOf(doc.Config), "layers": readDescriptors(doc.Layers)}, nil
	case "image-config":
		var doc image
		if err := decodeInto(&doc); err != nil {
			return nil, err
		}
		return map[string]any{"rootfsType": doc.RootFS.Type, "diffIds": orEmpty(doc.RootFS.DiffIDs), "platform": readPlatformOf(doc.platform)}, nil
	case "oci-layout":
		var doc imageLayout
		if err := decodeInto(&doc); err != nil {
			return nil, err
		}
		return map[string]any{"imageLayoutVersion": doc.Version}, nil
	}
	return nil, fmt.Errorf("unknown reader %q", reader)
}

type reading struct {
	Value any    `json:"value,omitempty"`
	Error string `json:"error,omitempty"`
}

func readingOf(value any, err error) reading {
	if err != nil {
		return reading{Error: err.Error()}
	}
	return reading{Value: value}
}

// sameReading: both refused (whatever the words), or both read the same value.
func sameReading(a, b reading) bool {
	ja, errA := json.Marshal(a.Value)
	jb, errB := json.Marshal(b.Value)
	return (a.Error != "") == (b.Error != "") && errA == nil && errB == nil && bytes.Equal(ja, jb)
}

type corpusDocument struct {
	Name     string `json:"name"`
	Reader   string `json:"reader"`
	ListedAs string `json:"listedAs"`
	Text     string `json:"text"`
	Base64   string `json:"base64"`
}

type answer struct {
	Name string `json:"name"`
	// sha256 of the document's bytes, so a stale answer is noticed.
	Sha256    string  `json:"sha256"`
	Unmarshal reading `json:"unmarshal"`
	// Left out when it is the same as Unmarshal's: both refuse, or both read one value.
	Decoder   *reading `json:"decoder,omitempty"`
	KindCheck []string `json:"kindCheck,omitempty"`
}

func main() {
	folder := "app/image/formats/testdata/"
	raw, err := os.ReadFile(folder + "goJsonCorpus.json")
	if err != nil {
		panic(err)
	}
	var corpus struct{ Documents []corpusDocument }
	if err := json.Unmarshal(raw, &corpus); err != nil {
		panic(err)
	}
	answers := []answer{}
	for _, doc := range corpus.Documents {
		blob := []byte(doc.Text)
		if doc.Base64 != "" {
			if blob, err = base64.StdEncoding.DecodeString(doc.Base64); err != nil {
				panic(err)
			}
		}
		sum := sha256.Sum256(blob)
		a := answer{Name: doc.Name, Sha256: hex.EncodeToString(sum[:])}
		a.Unmarshal = readingOf(decode(doc.Reader, func(v any) error { return json.Unmarshal(blob, v) }))
		decoder := readingOf(decode(doc.Reader, func(v any) error { return json.NewDecoder(bytes.NewReader(blob)).Decode(v) }))
		if !sameReading(a.Unmarshal, decoder) {
			a.Decoder = &decoder
		}
		if doc.ListedAs != "" && (doc.Reader == "oci-index" || doc.Reader == "oci-manifest") {
			for _, check := range []func([]byte, string) error{containersImageKindCheck, containerdKindCheck} {
				if err := check(blob, doc.ListedAs); err != nil {
					a.KindCheck = append(a.KindCheck, err.Error())
				}
			}
		}
		answers = append(answers, a)
	}
	out, err := json.Marshal(answers)
	if err != nil {
		panic(err)
	}
	// One answer a line, like the corpus.
	out = bytes.ReplaceAll(out, []byte("},{\"name\""), []byte("},\n{\"name\""))
	header := fmt.Sprintf("{\"generatedBy\":\"go run app/image/formats/testdata/decodeWithGo.go (%s)\",\"answers\":[\n", runtime.Version())
	if err := os.WriteFile(folder+"goJsonAnswers.json", append(append([]byte(header), out[1:len(out)-1]...), []byte("\n]}\n")...), 0o644); err != nil {
		panic(err)
	}
	fmt.Printf("%d documents read with %s\n", len(answers), runtime.Version())
}
