import Foundation
import LecternCLI
exit(LecternCLI.main(CommandLine.arguments))
