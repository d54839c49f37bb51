// Reads tar archives with Go's archive/tar — the reader docker, containerd and
// containers/image (podman, skopeo) are built on — and writes what it read as JSON: the
// reference the engine's tar reader is tested against (goConformance.test.ts,
// goMutations.test.ts). Run by hand from this folder, never by tests:
//
//	go run readWithGo.go go         reads go/*.tar and go/*.tar.gz  → goReadings.json
//	go run readWithGo.go mutations  reads mutations.json.gz         → mutations.goReadings.json
//
// Each reading lists the entries Next() returned ({name, linkname, typeflag, Go's Size,
// the number of bytes Read() gave and their sha256}) and, if reading stopped on an
// error, which entry it stopped at and whether Next() or Read() failed. Every archive
// is read several times: Go merges pax records in map order, so a reading that could
// change from run to run is marked "unstable".
package main

import (
	"archive/tar"
	"bytes"
	"compress/bzip2"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"unicode/utf8"
)

// Readings of one archive are compared across this many runs.
const runs = 8

// Logical data hashed per entry at most: Go expands sparse files (gnu-sparse-big.tar holds
// 60 GB of holes). Longer data is reported by its length alone, with no digest.
const maxHashed = 64 << 20

type entry struct {
	Name string `json:"name"`
	// The raw name in hex when it is not UTF-8 (JSON would replace its bytes).
	NameHex     string `json:"nameHex,omitempty"`
	Linkname    string `json:"linkname"`
	LinknameHex string `json:"linknameHex,omitempty"`
	Typeflag    byte   `json:"typeflag"`
	Size        int64  `json:"size"`
	DataSize    int64  `json:"dataSize"`
	Sha256      string `json:"sha256,omitempty"`
}

type readError struct {
	// Index of the entry Next() failed to return ("next"), or whose data Read() failed ("read").
	Entry   int    `json:"entry"`
	Stage   string `json:"stage"`
	Message string `json:"message"`
}

type reading struct {
	Entries  []entry    `json:"entries"`
	Error    *readError `json:"error,omitempty"`
	Unstable bool       `json:"unstable,omitempty"`
}

func hexIfNotUTF8(s string) string {
	if utf8.ValidString(s) {
		return ""
	}
	return hex.EncodeToString([]byte(s))
}

func readOnce(archive []byte) reading {
	tr := tar.NewReader(bytes.NewReader(archive))
	result := reading{Entries: []entry{}}
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return result
		}
		if err != nil {
			result.Error = &readError{Entry: len(result.Entries), Stage: "next", Message: err.Error()}
			return result
		}
		hash := sha256.New()
		n, err := io.CopyN(hash, tr, maxHashed+1)
		digest := hex.EncodeToString(hash.Sum(nil))
		if err == io.EOF {
			err = nil
		} else if err == nil {
			rest, restErr := io.Copy(io.Discard, tr)
			n, err, digest = n+rest, restErr, ""
		}
		result.Entries = append(result.Entries, entry{
			Name:        hdr.Name,
			NameHex:     hexIfNotUTF8(hdr.Name),
			Linkname:    hdr.Linkname,
			LinknameHex: hexIfNotUTF8(hdr.Linkname),
			Typeflag:    hdr.Typeflag,
			Size:        hdr.Size,
			DataSize:    n,
			Sha256:      digest,
		})
		if err != nil {
			result.Error = &readError{Entry: len(result.Entries) - 1, Stage: "read", Message: err.Error()}
			return result
		}
	}
}

func read(archive []byte) reading {
	first := readOnce(archive)
	for i := 1; i < runs; i++ {
		if !reflect.DeepEqual(readOnce(archive), first) {
			first.Unstable = true
			break
		}
	}
	return first
}

func gunzip(data []byte) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	check(err)
	out, err := io.ReadAll(zr)
	check(err)
	return out
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func writeJSON(path string, value any) {
	out, err := json.MarshalIndent(value, "", " ")
	check(err)
	check(os.WriteFile(path, append(out, '\n'), 0o644))
}

// Go's own test archives. The one bzip2 file is read through its gzip copy (Node has no
// bzip2), after checking that both hold the same bytes.
func readGoCorpus() {
	files, err := filepath.Glob("go/*.tar*")
	check(err)
	sort.Strings(files)
	readings := map[string]reading{}
	for _, file := range files {
		if strings.HasSuffix(file, ".bz2") {
			continue
		}
		data, err := os.ReadFile(file)
		check(err)
		if strings.HasSuffix(file, ".gz") {
			data = gunzip(data)
			original := strings.TrimSuffix(file, ".gz") + ".bz2"
			if _, err := os.Stat(original); err == nil {
				compressed, err := os.ReadFile(original)
				check(err)
				out, err := io.ReadAll(bzip2.NewReader(bytes.NewReader(compressed)))
				check(err)
				if !bytes.Equal(out, data) {
					check(errors.New(file + " does not hold the bytes of " + original))
				}
			}
		}
		readings[filepath.Base(file)] = read(data)
	}
	writeJSON("goReadings.json", readings)
	fmt.Printf("goReadings.json: %d archives\n", len(readings))
}

type mutationCorpus struct {
	Seed  uint32 `json:"seed"`
	Cases []struct {
		Note string `json:"note"`
		Tar  string `json:"tar"`
	} `json:"cases"`
}

func readMutations() {
	data, err := os.ReadFile("mutations.json.gz")
	check(err)
	var corpus mutationCorpus
	check(json.Unmarshal(gunzip(data), &corpus))
	readings := make([]reading, 0, len(corpus.Cases))
	failed, unstable := 0, 0
	for _, c := range corpus.Cases {
		archive, err := base64.StdEncoding.DecodeString(c.Tar)
		check(err)
		r := read(archive)
		if r.Error != nil {
			failed++
		}
		if r.Unstable {
			unstable++
		}
		readings = append(readings, r)
	}
	// One reading per line: the file stays small and its diffs readable.
	lines := make([]string, len(readings))
	for i, r := range readings {
		line, err := json.Marshal(r)
		check(err)
		lines[i] = string(line)
	}
	check(os.WriteFile("mutations.goReadings.json", []byte("[\n"+strings.Join(lines, ",\n")+"\n]\n"), 0o644))
	fmt.Printf("mutations.goReadings.json: %d cases, %d end in an error, %d unstable\n", len(readings), failed, unstable)
}

func main() {
	if len(os.Args) != 2 {
		check(errors.New("usage: go run readWithGo.go go|mutations"))
	}
	switch os.Args[1] {
	case "go":
		readGoCorpus()
	case "mutations":
		readMutations()
	default:
		check(errors.New("usage: go run readWithGo.go go|mutations"))
	}
}
