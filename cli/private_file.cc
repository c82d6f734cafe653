#include "cli/private_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace fafnir {
namespace {

Status io_error(const std::filesystem::path& path, std::string_view what) {
  return Status::Internal(std::string(what) + " " + path.string() + ": " + std::strerror(errno));
}

}  // namespace

Status write_private_file(const std::filesystem::path& path, std::string_view contents) {
  std::filesystem::path temporary = path;
  temporary += ".tmp";
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return io_error(temporary, "cannot create");
  std::size_t written = 0;
  while (written < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return io_error(temporary, "cannot write");
    }
    written += static_cast<std::size_t>(n);
  }
  bool synced = ::fchmod(fd, 0600) == 0 && ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) return io_error(temporary, "cannot sync");
  if (::rename(temporary.c_str(), path.c_str()) != 0) return io_error(path, "cannot replace");
  return Status::Ok();
}

Result<std::optional<std::string>> read_file_if_exists(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path)) return std::optional<std::string>();
    return io_error(path, "cannot read");
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  return std::optional<std::string>(contents.str());
}

}  // namespace fafnir
