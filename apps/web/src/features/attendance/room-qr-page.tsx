/** The room's screen: the rotating check-in code of one item, large, full screen (staff). */
export default function RoomQrPage() {
  return null;
}
