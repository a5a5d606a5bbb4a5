import { useEffect, useState } from 'preact/hooks';
import { api, Link } from '../api';
import { Dialog, ErrorNotice, Spinner } from '../components/ui';

const qrPath = (link: Link, format: 'svg' | 'png', size: number) =>
  `/api/v1/links/${link.id}/qr?format=${format}&size=${size}`;

export function QrDialog(props: { link: Link; onClose: () => void }) {
  const [imageUrl, setImageUrl] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>();

  useEffect(() => {
    let url: string | null = null;
    api<Blob>('GET', qrPath(props.link, 'svg', 512), { as: 'blob' }).then((blob) => {
      url = URL.createObjectURL(blob);
      setImageUrl(url);
    }, setFailure);
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [props.link.id]);

  const download = async (format: 'svg' | 'png') => {
    try {
      const blob = await api<Blob>('GET', qrPath(props.link, format, 1024), { as: 'blob' });
      const anchor = document.createElement('a');
      anchor.href = URL.createObjectURL(blob);
      anchor.download = `${props.link.slug}.${format}`;
      anchor.click();
      setTimeout(() => URL.revokeObjectURL(anchor.href), 1000);
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <Dialog title="QR code" onClose={props.onClose}>
      <p class="muted">
        Opens <strong>{props.link.shortLink}</strong>; scans are counted as clicks.
      </p>
      <div class="qr">
        {imageUrl ? (
          <img src={imageUrl} width={256} height={256} alt={`QR code for ${props.link.shortLink}`} />
        ) : (
          !failure && <Spinner />
        )}
      </div>
      <ErrorNotice error={failure} action="The QR code could not be made" />
      <div class="actions">
        <button type="button" class="secondary" onClick={() => download('svg')}>
          Download SVG
        </button>
        <button type="button" onClick={() => download('png')}>
          Download PNG
        </button>
      </div>
    </Dialog>
  );
}
