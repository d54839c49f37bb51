import { formatPlatform } from "../image/formats/platform.ts";
import type { ArchiveReport, ImageReport, LayerReport, Note } from "../image/report.ts";
import { formatBytes } from "../ui/format.ts";
import { Hex } from "../ui/Hex.tsx";
import { UntrustedText } from "../ui/UntrustedText.tsx";

const FORMAT_NAMES: Record<ArchiveReport["format"], string> = {
  "docker-archive": "docker save / podman docker-archive",
  "oci-layout": "OCI image layout",
  "oci-layout+docker-manifest": "OCI image layout with Docker's manifest.json",
  file: "plain file",
  unknown: "unreadable",
  registry: "registry reference",
};

const LAYER_STATUS: Record<LayerReport["status"], string> = {
  ok: "matches",
  mismatch: "DOES NOT MATCH",
  missing: "MISSING",
  unsupported: "not checked",
  "not-pulled": "not pulled",
};

function LayerRow({ layer }: { layer: LayerReport }) {
  return (
    <tr className={`layer layer-${layer.status}`}>
      <td>{layer.index + 1}</td>
      <td>
        <div>
          declared <Hex value={layer.diffId ?? "(none)"} label={`layer ${layer.index + 1} diffId`} />
        </div>
        {layer.computed !== layer.diffId && (
          <div>
            found <Hex value={layer.computed ?? "(not computed)"} label={`layer ${layer.index + 1} computed digest`} />
          </div>
        )}
        {layer.blobDigest && (
          <div className="muted">
            {layer.compression ?? "stored"} blob{" "}
            <Hex value={layer.blobDigest} label={`layer ${layer.index + 1} blob digest`} />
          </div>
        )}
      </td>
      <td>{layer.size === null ? "" : formatBytes(layer.size)}</td>
      <td data-testid="layer-status">{LAYER_STATUS[layer.status]}</td>
    </tr>
  );
}

/** Notes about one image are shown with it; the rest after the images. */
function isAbout(note: Note, image: ImageReport): boolean {
  return note.imageId !== undefined && note.imageId === image.imageId;
}

/** What the bytes say about one image: its identities, its notes, then each layer against the config. */
export function ImageFacts({
  image,
  imageIdTestId,
  notes = [],
}: {
  image: ImageReport;
  imageIdTestId?: string;
  notes?: readonly Note[];
}) {
  const aboutImage = notes.filter((note) => isAbout(note, image));
  return (
    <div className="image-facts">
      <dl className="facts">
        <dt>Image ID</dt>
        <dd>
          {image.imageId ? <Hex value={image.imageId} label="image ID" testId={imageIdTestId} /> : "no config found"}
        </dd>
        {image.platform && (
          <>
            <dt>Platform</dt>
            <dd>
              <UntrustedText text={formatPlatform(image.platform)} what="platform" />
            </dd>
          </>
        )}
        {image.manifestDigest && (
          <>
            <dt>Manifest digest</dt>
            <dd>
              <Hex value={image.manifestDigest} label="manifest digest" testId="manifest-digest" />
            </dd>
          </>
        )}
        {image.indexDigest && (
          <>
            <dt>Index digest</dt>
            <dd>
              <Hex value={image.indexDigest} label="index digest" testId="index-digest" />
            </dd>
          </>
        )}
        <dt>Names the archive claims</dt>
        <dd data-testid="claimed-names">
          {image.names.length > 0
            ? image.names.map((name, index) => (
                <span key={index}>
                  {index > 0 && ", "}
                  <UntrustedText text={name} what="name" code />
                </span>
              ))
            : "none"}{" "}
          <span className="muted">(claims, not proof)</span>
        </dd>
      </dl>
      {aboutImage.length > 0 && (
        <ul className="notes muted" aria-label="Notes on this image">
          {aboutImage.map((note, i) => (
            <li key={i}>
              <UntrustedText text={note.message} />
            </li>
          ))}
        </ul>
      )}
      <table className="layers">
        <caption className="visually-hidden">Layers of {image.imageId ?? "this image"}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Layer content (sha256 of the uncompressed layer)</th>
            <th scope="col">Size</th>
            <th scope="col">Check</th>
          </tr>
        </thead>
        <tbody>
          {image.layers.map((layer) => (
            <LayerRow key={layer.index} layer={layer} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The engine's whole report: format, every image, every problem and note. */
export function ArchiveReportView({ report }: { report: ArchiveReport }) {
  const archiveNotes = report.notes.filter((note) => !report.images.some((image) => isAbout(note, image)));
  return (
    <div className="archive-report">
      <p>
        Format: <strong>{FORMAT_NAMES[report.format]}</strong>
        {report.compression !== "none" && `, ${report.compression}-compressed`}
      </p>
      {report.archiveDigest && (
        <p>
          File sha256 <Hex value={report.archiveDigest} label="file sha256" testId="archive-digest" />
          {report.format !== "file" && (
            <span className="muted"> (identifies these bytes only; an image's identity is its image ID)</span>
          )}
        </p>
      )}
      {report.problems.length > 0 && (
        <ul className="problems" aria-label="Problems">
          {report.problems.map((problem, i) => (
            <li key={i}>
              <UntrustedText text={problem.message} />
            </li>
          ))}
        </ul>
      )}
      {report.images.map((image, i) => (
        <section key={i} className="card" aria-label={`Image ${i + 1}`}>
          <ImageFacts image={image} imageIdTestId="image-id" notes={report.notes} />
        </section>
      ))}
      {archiveNotes.length > 0 && (
        <ul className="notes muted" aria-label="Notes">
          {archiveNotes.map((note, i) => (
            <li key={i}>
              <UntrustedText text={note.message} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
